/** What GraphiQL opens with before anything is stored or shared: a tour of what the knowledge base holds. */
export const STARTING_DOCUMENT = `# North Korea in Russia's war against Ukraine:
# a sourced knowledge base, served over GraphQL.
#
# Run an operation: put the cursor in it and
# press Ctrl+Enter, or pick it from the menu of
# the run button. The book icon, top left, opens
# the docs; Ctrl+Space completes as you type.
#
# Changes need an editor's token. Under Headers:
#   { "Authorization": "Bearer <token>" }
# Edits show in the address bar: share the link.

# A timeline: November 2024, day by day.
query NovemberTimeline {
  events(
    filter: {
      from: "2024-11-01"
      to: "2024-11-30"
    }
    first: 50
  ) {
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

# What an official said, and who reported it.
query StatementsOfAnOfficial {
  officials(
    filter: { search: "Zelenskyy" }
    first: 1
  ) {
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

# Losses: whose, as of when, reported by whom.
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
      sources {
        title
        publisher
        publishedOn
        url
      }
    }
  }
}

# Full-text search across every kind of fact.
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

# Live: each event appears here as it is added.
subscription LiveEvents {
  eventAdded {
    title
    date
  }
}
`;
