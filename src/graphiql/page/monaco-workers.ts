/** Worker file names, relative to this bundle; the bundle build defines them once the workers are built and hashed. */
declare const MONACO_WORKER_FILES: { editor: string; json: string; graphql: string };

/** Monaco asks for a worker by language label; every worker is a file served next to this bundle. */
function workerFile(label: string): string {
  switch (label) {
    case 'json':
    case 'graphql':
      return MONACO_WORKER_FILES[label];
    default:
      return MONACO_WORKER_FILES.editor;
  }
}

self.MonacoEnvironment = {
  getWorker: (_workerId, label) => new Worker(new URL(workerFile(label), import.meta.url), { name: `monaco-${label}` }),
};
