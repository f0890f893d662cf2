/**
 * Poser as a source, through PoserTalkr: the client, the envelope reader and the scene reader.
 *
 * @category Poser
 */
export {
  ENVELOPE_BEGIN,
  type Envelope,
  type EnvelopeRead,
  EnvelopeReader,
  formatEnvelope,
} from './envelope.js';
export {
  type PythonFailure,
  poserConnectionError,
  poserProtocolError,
  poserScriptError,
  poserTimeoutError,
} from './poser-errors.js';
export {
  MAX_PACKET_BYTES,
  POSER_TALKR_DEFAULTS,
  PoserTalkrClient,
  type PoserTalkrConnectOptions,
} from './poser-talkr-client.js';
export { CM_PER_PNU, type PoserWalk } from './poser-walk.js';
export { actorFrame, boneName, POSER_FILM_WIDTH_MM, poserWalkToScene } from './poser-walk-to-scene.js';
export { READ_POSER_SCENE_DEFAULTS, type ReadPoserSceneOptions, readPoserScene } from './read-poser-scene.js';
