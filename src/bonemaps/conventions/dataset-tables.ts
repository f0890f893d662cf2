/**
 * Conventions of research motion datasets and the engines they grew from. Kept apart from
 * tables.ts (the exporter families) only for size; SOURCE_CONVENTIONS lists them all.
 *
 * Where each name comes from (what was seen in public sources, what is assumed) is said per
 * table: a name that was not seen in a real file may still be wrong.
 */
import { leftToRight, type SourceConvention, sided } from './convention.js';

/**
 * Bandai-Namco Research Motion dataset (github.com/BandaiNamcoResearchInc/
 * Bandai-Namco-Research-Motiondataset): `Hips`, `Spine`, `Chest`, `Neck`, `Head`, `Shoulder_L`
 * (clavicle), `UpperArm_L`, `LowerArm_L`, `Hand_L`, `UpperLeg_L`, `LowerLeg_L`, `Foot_L`,
 * `Toes_L`. Seen: those body names, in a BVH-to-VRM map written for this dataset, and a joint
 * count of 21 in a dataset survey. Assumed: `joint_Root` above `Hips` (reported in issue 12, not
 * seen), which is a ground-projected root and maps to nothing. The same words are Unity's and
 * VRM's humanoid bone names (`LeftUpperArm`, `UpperChest`, `LeftThumbProximal`: Unity's
 * HumanBodyBones documentation), which the normalised spelling matches too, so exports named
 * after Unity humanoids land here as well; their finger names come from that documentation.
 */
export const BANDAI_NAMCO: SourceConvention = {
  id: 'bandai',
  label: 'Bandai-Namco Research Motion (also Unity/VRM humanoid names)',
  joints: {
    hips: ['Hips'],
    neck: ['Neck'],
    head: ['Head'],
    ...sided(
      {
        clavicle: ['Shoulder_L'],
        upperArm: ['UpperArm_L'],
        forearm: ['LowerArm_L'],
        hand: ['Hand_L'],
        thigh: ['UpperLeg_L'],
        shin: ['LowerLeg_L'],
        foot: ['Foot_L'],
        toes: ['Toes_L'],
        thumb1: ['LeftThumbProximal'],
        thumb2: ['LeftThumbIntermediate'],
        thumb3: ['LeftThumbDistal'],
        index1: ['LeftIndexProximal'],
        index2: ['LeftIndexIntermediate'],
        index3: ['LeftIndexDistal'],
        middle1: ['LeftMiddleProximal'],
        middle2: ['LeftMiddleIntermediate'],
        middle3: ['LeftMiddleDistal'],
        ring1: ['LeftRingProximal'],
        ring2: ['LeftRingIntermediate'],
        ring3: ['LeftRingDistal'],
        pinky1: ['LeftLittleProximal'],
        pinky2: ['LeftLittleIntermediate'],
        pinky3: ['LeftLittleDistal'],
      },
      leftToRight,
    ),
  },
  // The clavicles hang from Chest (or UpperChest): it takes the top slot.
  spine: ['Spine', 'Chest', 'UpperChest'],
  ignored: ['joint_Root', 'LeftEye', 'RightEye', 'Jaw'],
};

/**
 * GAMES-105 lab skeletons and the SIMBICON/Cartwheel character they come from: `RootJoint`
 * (the pelvis), `pelvis_lowerback`, `lowerback_torso` (the clavicles hang from it), `torso_head`,
 * `lTorso_Clavicle`, `lShoulder` (= the upper arm: the joint is named after where it sits),
 * `lElbow`, `lWrist`, `lHip`, `lKnee`, `lAnkle`, `lToeJoint`, and `*_end` tips. Seen: the full
 * joint list printed by a GAMES-105 BVH loader and SIMBICON controller files.
 *
 * OpenSim gait models name joints the same way round (`hip_l`, `knee_l` or `walker_knee_l`,
 * `ankle_l`, `mtp_l`, `back`, `acromial_l`, `elbow_l`, `radius_hand_l`) and bodies after bones
 * (`femur_l`, `tibia_l`, `talus_l`, `toes_l`, `torso`, `humerus_l`, `ulna_l`, `hand_l`); both are
 * accepted, and `hip_l` is `lHip` once normalised. Seen: those names in OpenSim model code.
 * Assumed: that a BVH written from an OpenSim model keeps them (none was seen). OpenSim models
 * have no head joint, so such a clip needs a bone map or partial coverage.
 *
 * `torso_head` is the only joint above the torso: it turns the neck and head as one link, so it
 * drives the head (the required joint) and the neck stays at rest on the figure.
 */
export const GAMES105: SourceConvention = {
  id: 'games105',
  label: 'GAMES-105 / OpenSim-like (RootJoint, lHip, lShoulder = upper arm)',
  joints: {
    hips: ['RootJoint', 'ground_pelvis', 'pelvis'],
    head: ['torso_head'],
    ...sided(
      {
        clavicle: ['lTorso_Clavicle'],
        upperArm: ['lShoulder', 'acromial_l', 'humerus_l'],
        forearm: ['lElbow', 'ulna_l'],
        hand: ['lWrist', 'radius_hand_l', 'hand_l'],
        thigh: ['lHip', 'femur_l'],
        shin: ['lKnee', 'walker_knee_l', 'tibia_l'],
        foot: ['lAnkle', 'talus_l'],
        toes: ['lToeJoint', 'mtp_l', 'toes_l'],
      },
      leftToRight,
    ),
  },
  // GAMES-105 has two spine joints; OpenSim one (`back`, driving the `torso` body).
  spine: ['pelvis_lowerback', 'back', 'torso', 'lowerback_torso'],
  ignored: [
    'torso_head_end',
    'lToeJoint_end',
    'rToeJoint_end',
    'lWrist_end',
    'rWrist_end',
    'subtalar_l',
    'subtalar_r',
    'calcn_l',
    'calcn_r',
    'patellofemoral_l',
    'patellofemoral_r',
    'patella_l',
    'patella_r',
    'radioulnar_l',
    'radioulnar_r',
    'radius_l',
    'radius_r',
  ],
};
