import { WebSocketServer } from 'ws';

/** The fan-out ceiling: a bare `ws` server that, when told, sends the same bytes to every socket it holds. */
// The backlog our server listens with by default (LISTEN_BACKLOG), so that both hold a crowd connecting at once alike.
const server = new WebSocketServer({ port: 0, host: '127.0.0.1', backlog: 4096 });
server.on('listening', () => process.send!({ type: 'listening', port: (server.address() as { port: number }).port }));
process.on('message', (message: { type: string; bytes?: string }) => {
  if (message.type === 'send') {
    const bytes = Buffer.from(message.bytes!);
    for (const socket of server.clients) socket.send(bytes);
  }
  if (message.type === 'stop') server.close(() => process.exit(0));
});
