/**
 * The global names a DazScript sees, bound to one emulated scene: `Scene`, `App`, `UndoStack`,
 * the undo functions and the value and node constructors (`new DzVec3(...)`,
 * `new DzSpotLight()` ...). Node constructors are bound to the scene's context so scripts can
 * call them with DAZ's own (empty) argument lists.
 */
import type { GlobalBindings } from '../runtime/script-runtime.js';
import type { DomContext } from './dom-context.js';
import { DzApp } from './dz-app.js';
import { DzBasicCamera } from './dz-camera.js';
import { DzFile } from './dz-file.js';
import { DzDistantLight, DzPointLight, DzSpotLight } from './dz-light.js';
import { DzNode } from './dz-node.js';
import type { DzScene } from './dz-scene.js';
import { DzTime } from './dz-time.js';
import { Color, DzFloatColor } from './math/color.js';
import { DzBox3 } from './math/dz-box3.js';
import { DzMatrix3 } from './math/dz-matrix3.js';
import { DzQuat } from './math/dz-quat.js';
import { DzRotationOrder } from './math/dz-rotation-order.js';
import { DzTimeRange } from './math/dz-time-range.js';
import { DzVec3 } from './math/dz-vec3.js';
import { DzRenderMgr } from './render/dz-render-mgr.js';
import { DzRenderOptions, QSize } from './render/dz-render-options.js';

export function sceneGlobals(ctx: DomContext, scene: DzScene): GlobalBindings {
  const print = (message: string) => ctx.realm.evaluate<(m: string) => void>('print')(message);
  const undo = ctx.undo;
  let renderMgr: DzRenderMgr | null = null;
  return {
    Scene: scene,
    App: new DzApp(print, () => {
      renderMgr ??= new DzRenderMgr(ctx, scene);
      return renderMgr;
    }),
    UndoStack: {
      undo: () => undo.undo(),
      redo: () => undo.redo(),
      canUndo: () => undo.canUndo(),
      canRedo: () => undo.canRedo(),
      getUndoCaption: () => undo.getUndoCaption(),
      getRedoCaption: () => undo.getRedoCaption(),
    },
    beginUndo: () => undo.begin(),
    acceptUndo: (caption: unknown) => undo.accept(String(caption ?? '')),
    cancelUndo: () => undo.cancel(),
    dropUndo: () => undo.drop(),
    processEvents: () => undefined,
    DzVec3,
    DzQuat,
    DzMatrix3,
    DzBox3,
    DzRotationOrder,
    DzTimeRange,
    DzTime,
    Color,
    DzFloatColor,
    DzFile,
    QSize,
    DzRenderOptions: class extends DzRenderOptions {
      constructor() {
        super(ctx);
      }
    },
    DzNode: class extends DzNode {
      constructor() {
        super(ctx, 'Node', 'Node');
      }
    },
    DzBasicCamera: class extends DzBasicCamera {
      constructor() {
        super(ctx);
      }
    },
    DzDistantLight: class extends DzDistantLight {
      constructor() {
        super(ctx);
      }
    },
    DzSpotLight: class extends DzSpotLight {
      constructor() {
        super(ctx);
      }
    },
    DzPointLight: class extends DzPointLight {
      constructor() {
        super(ctx);
      }
    },
  };
}
