/** What GraphiQL opens with before anything is stored or shared: a tour of what the knowledge base holds. */
export const STARTING_DOCUMENT = `# The knowledge base on North Korea's involvement in Russia's war against Ukraine.
#
# Put the cursor in an operation and press Ctrl+Enter (Cmd+Enter on a Mac), or
# pick one with the run button. The book icon on the left opens the docs of
# every type and field; Ctrl+Space completes what you type.
#
# Changes need an editor's token: open Headers below and enter
#   { "Authorization": "Bearer <your token>" }
# The address bar always links to the operation on screen: copy it to share it.

# A timeline: what happened in November 2024, day by day.
query NovemberTimeline {
  events(filter: { from: "2024-11-01", to: "2024-11-30" }, first: 50) {
    totalCount
    nodes {
      date
      title
      type
      claimStatus
      countries { name }
    }
  }
}

# What an official said, quoted or paraphrased, and where it was reported.
query StatementsOfAnOfficial {
  officials(filter: { search: "Zelenskyy" }, first: 1) {
    nodes {
      name
      role
      statements(first: 10) {
        nodes {
          date
          isQuote
          text
          sources { title publisher url }
        }
      }
    }
  }
}

# Casualty figures: whose losses, who reports them, and the sources.
query CasualtyReports {
  casualties(first: 20) {
    nodes {
      asOf
      country { name }
      killed
      wounded
      captured
      claimStatus
      reportedBy { name acronym }
      reportedByCountry { name }
      sources { title publisher publishedOn url }
    }
  }
}

# Full-text search over events, statements, officials, organizations and sources.
query Search {
  search(query: "Kursk", first: 10) {
    totalCount
    nodes {
      __typename
      ... on Event { date title }
      ... on Statement { date text }
      ... on Official { name role }
      ... on Source { title publisher }
    }
  }
}

# Live: every event added from now on appears here as it is added.
subscription LiveEvents {
  eventAdded {
    title
    date
  }
}
`;
