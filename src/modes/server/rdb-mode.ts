// --rdb FILE and --functions-rdb FILE (redis-cli getRDB): the payload of a SYNC, byte for byte, into a file or stdout.
import { closeSync, constants, fsyncSync, ftruncateSync, openSync } from 'node:fs';
import type { ModeIO } from '../../output/fd-output.js';
import type { Session } from '../../session/session.js';
import { writeAll } from '../../util/sync-io.js';
import { ModeExit } from './mode-basics.js';
import { EOF_MARK_SIZE, MarkWatcher, sendReplconf, sendSync } from './sync-handshake.js';

/** strerror() words for the usual file errors. */
export function strerror(err: unknown): string {
  const code = (err as NodeJS.ErrnoException).code ?? '';
  const words: Record<string, string> = {
    ENOENT: 'No such file or directory', EACCES: 'Permission denied', EISDIR: 'Is a directory', ENOTDIR: 'Not a directory',
    EROFS: 'Read-only file system', ENOSPC: 'No space left on device', EPERM: 'Operation not permitted', EEXIST: 'File exists',
    EBADF: 'Bad file descriptor', EIO: 'Input/output error', EDQUOT: 'Disk quota exceeded', EFBIG: 'File too large',
  };
  return words[code] ?? (err as Error).message;
}

/** REPLCONF capa eof, rdb-only 1 (and rdb-filter-only functions), then the transfer; exits 0 on success. */
export async function runRdb(session: Session, file: string, functionsOnly: boolean, io: ModeIO): Promise<number> {
  await sendReplconf(session, 'capa', 'eof', io);
  await sendReplconf(session, 'rdb-only', '1', io);
  if (functionsOnly && !(await sendReplconf(session, 'rdb-filter-only', 'functions', io))) {
    throw new ModeExit('Failed requesting functions only RDB from server, aborting');
  }
  const { reader, payload } = await sendSync(session);
  const toStdout = file === '-';
  io.warn('mark' in payload
    ? `SYNC sent to master, writing bytes of bulk transfer until EOF marker to '${file}'`
    : `SYNC sent to master, writing ${payload.size} bytes to '${file}'`);
  let fd = 1;
  if (!toStdout) {
    try {
      // No O_TRUNC, as redis-cli: a longer existing file keeps its tail after a disk-based transfer.
      fd = openSync(file, constants.O_CREAT | constants.O_WRONLY, 0o600); // the whole dataset: for its owner only
    } catch (err) {
      throw new ModeExit(`Error opening '${file}': ${strerror(err)}`);
    }
  }
  const write = (bytes: Buffer) => {
    if (toStdout) return io.out.write(bytes.toString('latin1'));
    try {
      writeAll(fd, bytes);
    } catch (err) {
      throw new ModeExit(`Error writing data to file: ${strerror(err)}`);
    }
  };
  let written = 0;
  const watcher = 'mark' in payload ? new MarkWatcher(payload.mark) : undefined;
  let left = 'size' in payload ? payload.size : 0n;
  for (;;) {
    if (!watcher && left === 0n) break;
    const chunk = await reader.next();
    if (!chunk) throw new ModeExit('I/O Error reading RDB payload from socket');
    const end = watcher ? watcher.feed(chunk) : undefined;
    const take = watcher ? end ?? chunk.length : Number(BigInt(chunk.length) < left ? BigInt(chunk.length) : left);
    write(chunk.subarray(0, take));
    written += take;
    if (end !== undefined) break;
    left -= BigInt(take);
  }
  reader.close();
  if (watcher) {
    // Everything read was written, the 40-byte mark too; a file is cut back to the RDB itself (stdout keeps it).
    const size = written - EOF_MARK_SIZE;
    if (!toStdout) {
      try {
        ftruncateSync(fd, size);
      } catch (err) {
        io.warn(`ftruncate failed: ${strerror(err)}.`);
      }
    }
    io.warn(`Transfer finished with success after ${size} bytes`);
  } else {
    io.warn('Transfer finished with success.');
  }
  if (!toStdout) {
    try {
      fsyncSync(fd);
    } catch (err) {
      throw new ModeExit(`Fail to fsync '${file}': ${strerror(err)}`);
    }
    closeSync(fd);
  }
  return 0;
}
