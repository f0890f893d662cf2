/**
 * Dust3D as a source: the Remote IO client, its parsers and the scene reader.
 *
 * @category Dust3D
 */
export { boneMarkJoints, type MarkedJoint } from './bone-mark-skeleton.js';
export { DUST3D_COMMANDS, type Dust3dCommandName } from './commands.js';
export {
  DUST3D_CONNECT_DEFAULTS,
  DUST3D_DEFAULT_PORT,
  Dust3dClient,
  type Dust3dConnectOptions,
  type Dust3dEvent,
  type Dust3dWindow,
} from './dust3d-client.js';
export {
  Dust3dCommandError,
  Dust3dConnectionError,
  Dust3dPacketError,
  Dust3dParseError,
  Dust3dTimeoutError,
} from './errors.js';
export {
  classifyPacket,
  type Dust3dPacket,
  decodeHex,
  encodePacket,
  PacketDecoder,
} from './packet-framing.js';
export { type ObjMesh, parseObj } from './parse-obj.js';
export {
  type Dust3dComponent,
  type Dust3dEdge,
  type Dust3dNode,
  type Dust3dPart,
  type Dust3dSnapshot,
  parseSnapshot,
} from './parse-snapshot.js';
export {
  buildDust3dScene,
  type Dust3dReadReport,
  type ReadDust3dSceneOptions,
  readDust3dScene,
  readDust3dSceneWithReport,
} from './read-dust3d-scene.js';
export { DUST3D_CM_PER_UNIT } from './units.js';
export {
  type Dust3dWatch,
  WATCH_DUST3D_DEFAULTS,
  type WatchDust3dOptions,
  watchDust3d,
} from './watch-dust3d.js';
export { readXml, type XmlElement } from './xml-reader.js';
