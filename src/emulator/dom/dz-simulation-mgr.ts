import { DzBase } from './dz-base.js';

/** DzError for "failed": what the emulator returns where DAZ documents "an appropriate error code". */
const DZ_FAILED = 1;

/**
 * `App.getSimulationMgr()` (DzSimulationMgr), as DAZ Studio has it when no simulation engine is
 * installed: the emulator emulates no dForce, so there is no engine (`getActiveSimulationEngine()`
 * is null, as DAZ documents for that case), nothing is ever simulating, and `simulate()` and
 * `clearSimulation()` answer a DzError instead of pretending to have simulated.
 */
export class DzSimulationMgr extends DzBase {
  protected readonly classChain = ['DzSimulationMgr', 'DzBase', 'QObject'] as const;

  constructor() {
    super('SimulationMgr');
  }

  isSimulating(): boolean {
    return false;
  }

  getNumSimulationEngines(): number {
    return 0;
  }

  getSimulationEngine(_which: number): null {
    return null;
  }

  findSimulationEngine(_className: string): null {
    return null;
  }

  getActiveSimulationEngine(): null {
    return null;
  }

  setActiveSimulationEngine(_engine: unknown): void {}

  /** No engine to simulate with: a failure DzError. */
  simulate(): number {
    return DZ_FAILED;
  }

  /** No engine whose simulation data could be cleared: a failure DzError. */
  clearSimulation(): number {
    return DZ_FAILED;
  }
}
