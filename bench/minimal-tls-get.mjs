// The floor for a one-shot command: a bare node:tls script that sends GET and prints the reply, nothing else.
import { readFileSync } from 'node:fs';
import { connect } from 'node:tls';

const [port, ca, key] = process.argv.slice(2);
const socket = connect({ host: '127.0.0.1', port: Number(port), ca: readFileSync(ca) }, () => {
  socket.write(`*2\r\n$3\r\nGET\r\n$${Buffer.byteLength(key)}\r\n${key}\r\n`);
});
socket.once('data', (chunk) => {
  const text = chunk.toString('latin1');
  const body = text.slice(text.indexOf('\r\n') + 2, text.lastIndexOf('\r\n'));
  process.stdout.write(`${body}\n`);
  socket.destroy();
});
