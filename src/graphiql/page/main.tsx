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

const sharedQuery = readSharedField('query');
const sharedVariables = readSharedField('variables');

// The shared operation only when the address has one: given as undefined, GraphiQL would show an empty editor instead of the visitor's saved tabs.
createRoot(container).render(
  <GraphiQL
    fetcher={fetcher}
    defaultQuery={STARTING_DOCUMENT}
    {...(sharedQuery === undefined ? {} : { initialQuery: sharedQuery })}
    {...(sharedVariables === undefined ? {} : { initialVariables: sharedVariables })}
    onEditQuery={(query) => shareField('query', query)}
    onEditVariables={(variables) => shareField('variables', variables)}
  />,
);
