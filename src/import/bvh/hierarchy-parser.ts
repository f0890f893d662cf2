/**
 * HIERARCHY section: a state machine fed one token at a time (so it works on streamed input
 * without recursion, whatever the nesting depth), building joints parents-first.
 *
 * Grammar accepted (keywords in any case; `{` `}` may share a line with anything):
 *
 * ```text
 * HIERARCHY  (ROOT node)+  MOTION
 * node      = name "{" OFFSET x y z [CHANNELS n channel×n] (JOINT node | End Site endsite)* "}"
 * endsite   = "{" OFFSET x y z "}"
 * ```
 *
 * Where exporters differ, the choices are:
 * - A joint name is the word after ROOT/JOINT and every further word on its line before `{`,
 *   joined by one space (`JOINT Left Hip` is named "Left Hip"). Blender joins with `_`; most
 *   readers take one word and then fail on the second.
 * - `CHANNELS` may be missing: the joint has no channels, as assimp reads it.
 * - Several `ROOT`s are allowed (rare; nothing in the format forbids it); each starts a tree of
 *   its own.
 * - Words after `End Site` on its line are ignored (some exporters name End Sites; Blender ignores
 *   them too). A joint has at most one End Site.
 * - Joint names must be unique (everything downstream looks joints up by name).
 */
import { BvhParseError, END_OF_FILE, quoteToken } from './bvh-parse-error.js';
import { BVH_CHANNELS, type BvhChannel, type BvhJoint, type BvhVec3, channelKindOf } from './bvh-types.js';
import { parseDecimalToken } from './parse-decimal.js';

/** A joint has at most one channel of each kind. */
const MAX_CHANNELS_PER_JOINT = 6;

const EXPECT_HIERARCHY = 0;
const EXPECT_ROOT = 1;
const EXPECT_ROOT_OR_MOTION = 2;
const EXPECT_NAME = 3;
const NAME_OR_OPEN = 4;
const EXPECT_OFFSET = 5;
const OFFSET_VALUE = 6;
const AFTER_OFFSET = 7;
const CHANNEL_COUNT = 8;
const CHANNEL_NAME = 9;
const CHILDREN = 10;
const EXPECT_SITE = 11;
const END_SITE_OPEN = 12;
const END_SITE_OFFSET = 13;
const END_SITE_VALUE = 14;
const END_SITE_CLOSE = 15;
const DONE = 16;

const CHILD_KEYWORDS = 'JOINT, End Site or "}"';
const STRUCTURE_WORDS = new Set([
  'hierarchy',
  'root',
  'joint',
  'end',
  'offset',
  'channels',
  'motion',
  '{',
  '}',
]);

/** What the parser hands on: the joints, parents first, and the number of channels per frame. */
export interface BvhHierarchy {
  joints: BvhJoint[];
  channelCount: number;
}

export class HierarchyParser {
  private state = EXPECT_HIERARCHY;
  private readonly joints: BvhJoint[] = [];
  private readonly byName = new Map<string, number>();
  /** Indices of the joints whose `}` has not come yet, innermost last. */
  private readonly open: number[] = [];
  private channelCount = 0;
  private sawToken = false;

  // The joint being declared: name pieces until its `{`.
  private name = '';
  private nameLine = 0;
  private nameColumn = 0;
  private isRoot = false;
  // OFFSET values being read (for a joint or an End Site), and CHANNELS still to read.
  private readonly vector: BvhVec3 = [0, 0, 0];
  private vectorIndex = 0;
  private channelsDeclared = 0;
  private endSiteLine = 0;

  constructor(private readonly file: string) {}

  /** Take the next token. Returns true once `MOTION` has been read: the hierarchy is complete. */
  accept(token: string, line: number, column: number): boolean {
    this.sawToken = true;
    const word = token.toLowerCase();
    switch (this.state) {
      case EXPECT_HIERARCHY:
        if (word !== 'hierarchy') this.fail(line, column, 'HIERARCHY (the first word of a BVH file)', token);
        this.state = EXPECT_ROOT;
        return false;
      case EXPECT_ROOT:
      case EXPECT_ROOT_OR_MOTION:
        if (word === 'root') {
          this.isRoot = true;
          this.state = EXPECT_NAME;
          return false;
        }
        if (word === 'motion' && this.state === EXPECT_ROOT_OR_MOTION) {
          this.state = DONE;
          return true;
        }
        this.fail(line, column, this.state === EXPECT_ROOT ? 'ROOT' : 'MOTION or another ROOT', token);
        return false;
      case EXPECT_NAME:
        if (token === '{' || token === '}') this.fail(line, column, 'a joint name', token);
        this.name = token;
        this.nameLine = line;
        this.nameColumn = column;
        this.state = NAME_OR_OPEN;
        return false;
      case NAME_OR_OPEN:
        if (token === '{') {
          this.openJoint();
          this.state = EXPECT_OFFSET;
        } else if (line === this.nameLine && token !== '}') {
          this.name += ` ${token}`;
        } else {
          this.fail(line, column, `"{" after joint name ${quoteToken(this.name)}`, token);
        }
        return false;
      case EXPECT_OFFSET:
      case END_SITE_OFFSET:
        if (word !== 'offset') this.fail(line, column, 'OFFSET', token);
        this.vectorIndex = 0;
        this.state = this.state === EXPECT_OFFSET ? OFFSET_VALUE : END_SITE_VALUE;
        return false;
      case OFFSET_VALUE:
      case END_SITE_VALUE:
        return this.acceptOffsetValue(token, line, column);
      case AFTER_OFFSET:
        if (word === 'channels') {
          this.state = CHANNEL_COUNT;
          return false;
        }
        return this.acceptChild(token, word, line, column, `CHANNELS, ${CHILD_KEYWORDS}`);
      case CHANNEL_COUNT:
        return this.acceptChannelCount(token, line, column);
      case CHANNEL_NAME:
        return this.acceptChannelName(token, line, column);
      case CHILDREN:
        return this.acceptChild(token, word, line, column, CHILD_KEYWORDS);
      case EXPECT_SITE:
        if (word !== 'site') this.fail(line, column, 'Site after End', token);
        this.endSiteLine = line;
        this.state = END_SITE_OPEN;
        return false;
      case END_SITE_OPEN:
        if (token === '{') this.state = END_SITE_OFFSET;
        else if (line !== this.endSiteLine || token === '}')
          this.fail(line, column, '"{" after End Site', token);
        return false;
      case END_SITE_CLOSE:
        if (token !== '}') this.fail(line, column, '"}" closing the End Site', token);
        this.state = CHILDREN;
        return false;
      default:
        throw new Error(`HierarchyParser: token after MOTION (state ${this.state})`);
    }
  }

  /** The input ended. Throws unless the hierarchy was complete (MOTION read). */
  end(line: number, column: number): BvhHierarchy {
    if (this.state !== DONE) {
      if (!this.sawToken) this.failWith(line, column, 'HIERARCHY', 'an empty file');
      this.failWith(line, column, this.expectedNow(), END_OF_FILE);
    }
    return this.result();
  }

  /** The joints, once `accept` returned true. */
  result(): BvhHierarchy {
    return { joints: this.joints, channelCount: this.channelCount };
  }

  private current(): BvhJoint {
    return this.joints[this.open[this.open.length - 1]];
  }

  private openJoint(): void {
    const first = this.byName.get(this.name);
    if (first !== undefined) {
      this.failWith(
        this.nameLine,
        this.nameColumn,
        'a joint name not used before',
        quoteToken(this.name),
        `first used on line ${this.joints[first].line}`,
      );
    }
    const parent = this.isRoot ? -1 : this.open[this.open.length - 1];
    this.byName.set(this.name, this.joints.length);
    this.open.push(this.joints.length);
    this.joints.push({
      name: this.name,
      parent,
      offset: [0, 0, 0],
      channels: [],
      channelOffset: this.channelCount,
      endSite: null,
      line: this.nameLine,
    });
    this.isRoot = false;
  }

  private acceptOffsetValue(token: string, line: number, column: number): boolean {
    const value = parseDecimalToken(token);
    if (!Number.isFinite(value)) {
      const axis = 'xyz'[this.vectorIndex];
      this.fail(line, column, `a number (OFFSET ${axis})`, token);
    }
    this.vector[this.vectorIndex++] = value;
    if (this.vectorIndex < 3) return false;
    const offset: BvhVec3 = [this.vector[0], this.vector[1], this.vector[2]];
    if (this.state === OFFSET_VALUE) {
      this.current().offset = offset;
      this.state = AFTER_OFFSET;
    } else {
      this.current().endSite = offset;
      this.state = END_SITE_CLOSE;
    }
    return false;
  }

  private acceptChannelCount(token: string, line: number, column: number): boolean {
    const count = /^\+?\d{1,3}$/.test(token) ? Number(token) : Number.NaN;
    if (!(count <= MAX_CHANNELS_PER_JOINT)) {
      this.fail(line, column, `a channel count from 0 to ${MAX_CHANNELS_PER_JOINT}`, token);
    }
    this.channelsDeclared = count;
    this.state = count === 0 ? CHILDREN : CHANNEL_NAME;
    return false;
  }

  private acceptChannelName(token: string, line: number, column: number): boolean {
    const joint = this.current();
    const kind = channelKindOf(token);
    if (kind === -1) {
      const listed = joint.channels.length;
      if (STRUCTURE_WORDS.has(token.toLowerCase())) {
        this.fail(
          line,
          column,
          `a channel name (CHANNELS ${this.channelsDeclared} of joint ${quoteToken(joint.name)} lists only ${listed})`,
          token,
        );
      }
      this.fail(line, column, `a channel name (${BVH_CHANNELS.join(', ')})`, token);
    }
    const channel: BvhChannel = BVH_CHANNELS[kind];
    if (joint.channels.includes(channel)) {
      this.fail(line, column, `a channel not yet listed for joint ${quoteToken(joint.name)}`, token);
    }
    joint.channels.push(channel);
    this.channelCount++;
    if (joint.channels.length === this.channelsDeclared) this.state = CHILDREN;
    return false;
  }

  private acceptChild(token: string, word: string, line: number, column: number, expected: string): boolean {
    if (word === 'joint') {
      this.state = EXPECT_NAME;
    } else if (word === 'end') {
      const joint = this.current();
      if (joint.endSite !== null) {
        this.fail(
          line,
          column,
          `${CHILD_KEYWORDS} (joint ${quoteToken(joint.name)} already has an End Site)`,
          token,
        );
      }
      this.state = EXPECT_SITE;
    } else if (token === '}') {
      this.open.pop();
      this.state = this.open.length === 0 ? EXPECT_ROOT_OR_MOTION : CHILDREN;
    } else if (channelKindOf(token) !== -1 && this.state === CHILDREN) {
      const joint = this.current();
      this.fail(
        line,
        column,
        expected,
        token,
        `CHANNELS ${joint.channels.length} of joint ${quoteToken(joint.name)} lists more channels than it counts`,
      );
    } else if (word === 'motion') {
      const joint = this.current();
      this.fail(
        line,
        column,
        expected,
        token,
        `joint ${quoteToken(joint.name)} of line ${joint.line} is not closed`,
      );
    } else {
      this.fail(line, column, expected, token);
    }
    return false;
  }

  private expectedNow(): string {
    switch (this.state) {
      case EXPECT_HIERARCHY:
        return 'HIERARCHY';
      case EXPECT_ROOT:
        return 'ROOT';
      case EXPECT_ROOT_OR_MOTION:
        return 'MOTION (the frame data section)';
      case EXPECT_NAME:
        return 'a joint name';
      case NAME_OR_OPEN:
      case END_SITE_OPEN:
      case EXPECT_SITE:
        return this.state === EXPECT_SITE ? 'Site after End' : '"{"';
      case EXPECT_OFFSET:
      case END_SITE_OFFSET:
        return 'OFFSET';
      case OFFSET_VALUE:
      case END_SITE_VALUE:
        return `a number (OFFSET ${'xyz'[this.vectorIndex]})`;
      case CHANNEL_COUNT:
        return `a channel count from 0 to ${MAX_CHANNELS_PER_JOINT}`;
      case CHANNEL_NAME:
        return 'a channel name';
      case END_SITE_CLOSE:
        return '"}" closing the End Site';
      default:
        return `"}" closing joint ${quoteToken(this.current().name)}`;
    }
  }

  /** Fail on a token, quoted in the message. */
  private fail(line: number, column: number, expected: string, token: string, detail?: string): never {
    this.failWith(line, column, expected, quoteToken(token), detail);
  }

  /** Fail with `found` as given (`end of file`, an already quoted name...). */
  private failWith(line: number, column: number, expected: string, found: string, detail?: string): never {
    throw new BvhParseError(this.file, line, column, expected, found, { detail });
  }
}
