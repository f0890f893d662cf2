/**
 * The mapping leaves required body joints without a source (body-coverage.ts): a retarget
 * would freeze those limbs at rest, so it stops here and hands the user what they need to fix
 * it: the canonical joints missing, the source joints nothing was found for, and a bone map
 * pre-filled with what was detected (bone-map-template.ts) to complete and pass back.
 */
import { DazportError } from '../errors.js';
import { describeRequiredJoint, type RequiredBodyJoint } from './body-coverage.js';
import { type BoneMapTemplate, formatBoneMapTemplate } from './bone-map-template.js';

export const RETARGET_COVERAGE = 'DAZPORT_RETARGET_COVERAGE';

/** How many unmapped source names the message quotes (all of them stay in `unmapped`). */
const QUOTED_NAMES = 24;

export class RetargetCoverageError extends DazportError {
  override name = 'RetargetCoverageError';
  /** Required body joints without a source (`spine`: any spine slot). */
  readonly missing: RequiredBodyJoint[];
  /** Source joints that mapped to nothing. */
  readonly unmapped: string[];
  /** The ready-to-edit bone map as JSON text (the object is in `context.boneMapTemplate`). */
  readonly boneMapTemplate: string;

  constructor(template: BoneMapTemplate, mappedBy: { label: string; boneMapFile?: string }) {
    const { missing, unmapped } = template;
    const quoted = unmapped.slice(0, QUOTED_NAMES).join(', ');
    const more = unmapped.length > QUOTED_NAMES ? ` and ${unmapped.length - QUOTED_NAMES} more` : '';
    const source = mappedBy.boneMapFile
      ? `the bone map ${mappedBy.boneMapFile}`
      : `the ${mappedBy.label} naming`;
    const file = mappedBy.boneMapFile ?? 'map.json';
    super(
      RETARGET_COVERAGE,
      `${missing.length} body joint${missing.length === 1 ? ' has' : 's have'} no source joint under ${source}: ` +
        `${missing.map(describeRequiredJoint).join(', ')}; ` +
        (unmapped.length
          ? `source joints not mapped: ${quoted}${more}`
          : 'every source joint is already mapped'),
      {
        context: { convention: mappedBy.label, missing, unmapped, boneMapTemplate: template },
        suggestion:
          `map them in a bone map passed as boneMapFile (error.boneMapTemplate is one pre-filled with what was ` +
          `detected: fill its nulls), or pass allowPartial: true to retarget only what maps`,
        cliSuggestion:
          `write a bone map pre-filled with what was detected (dazport inspect <clip> --bone-map-template ${file}), ` +
          `fill its nulls and pass it with --bone-map ${file}; or retarget only what maps with --allow-partial`,
      },
    );
    this.missing = missing;
    this.unmapped = unmapped;
    this.boneMapTemplate = formatBoneMapTemplate(template);
  }
}
