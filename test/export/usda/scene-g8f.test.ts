import { describeBuiltinSceneExport } from './builtin-scene-export.js';

describeBuiltinSceneExport('g8f');
