/** The embedded emulator moved to the library's jobs (retargetFile starts one for built-in figures). */
export { type EmbeddedSession, withEmbeddedEmulator } from '../jobs/embedded-emulator.js';
