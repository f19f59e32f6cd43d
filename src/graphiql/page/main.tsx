import './monaco-workers';
import 'graphiql/style.css';
import './page.css';
import { createGraphiQLFetcher } from '@graphiql/toolkit';
import { GraphiQL } from 'graphiql';
import { createRoot } from 'react-dom/client';
import { graphqlEndpoints } from './endpoints';
import { readSharedField, shareField } from './shareable-url';
import { STARTING_DOCUMENT } from './starting-document';

const container = document.getElementById('graphiql');
if (!container?.dataset.endpoint) throw new Error('the page has no #graphiql element with a data-endpoint');

const fetcher = createGraphiQLFetcher(graphqlEndpoints(container.dataset.endpoint, location));

createRoot(container).render(
  <GraphiQL
    fetcher={fetcher}
    defaultQuery={STARTING_DOCUMENT}
    initialQuery={readSharedField('query')}
    initialVariables={readSharedField('variables')}
    onEditQuery={(query) => shareField('query', query)}
    onEditVariables={(variables) => shareField('variables', variables)}
  />,
);
