import type { Server } from 'node:http';
import type { Socket } from 'node:net';

/**
 * Caps the connections one peer address holds open at once (0: no cap), so that one host cannot take every file
 * descriptor with connections it never uses. Counted by TCP peer: behind a load balancer every connection comes from
 * the balancer, so there the cap is set to 0 and the balancer enforces one.
 */
export function capConnectionsPerIp(httpServer: Server, maximum: number): void {
  if (maximum === 0) return;
  const open = new Map<string, number>();
  httpServer.on('connection', (socket: Socket) => {
    const address = socket.remoteAddress ?? 'unknown';
    const count = (open.get(address) ?? 0) + 1;
    if (count > maximum) {
      socket.destroy();
      return;
    }
    open.set(address, count);
    socket.once('close', () => {
      const left = (open.get(address) ?? 1) - 1;
      if (left === 0) open.delete(address);
      else open.set(address, left);
    });
  });
}

/**
 * Closes a connection that sends no request within `milliseconds` of opening: headersTimeout counts only from a
 * request's first byte. Once a request arrives the timer is off, however long the answer takes (a write waiting for
 * the lock); between requests of a kept-alive connection, keepAliveTimeout closes it.
 */
export function closeSilentConnections(httpServer: Server, milliseconds: number): void {
  httpServer.on('connection', (socket: Socket) => {
    socket.setTimeout(milliseconds, () => socket.destroy());
  });
  httpServer.on('request', (request) => request.socket.setTimeout(0));
}
