/**
 * `directive report --format oscal-poam`: the directive's obligations as an OSCAL plan of action and milestones
 * (POA&M), the form FedRAMP and NIST oversight read. One poam-item per agency obligation, tied to one risk ("the agency
 * does not yet comply with the directive") whose remediation's tasks are the milestones with their deadlines, and
 * whose risk log holds the amendments (extensions and waivers as deviations approved by the issuer). Each report is an
 * observation; the evidence files it named are back-matter resources carrying their SHA-256 (`evidence/<sha256>` in
 * an audit export). UUIDs are name-based (version 5), so the same obligation keeps its UUIDs from one report to the
 * next, as OSCAL asks.
 */
import { createHash } from 'node:crypto';
import type { MilestoneView, ObligationStatus, SubmissionView } from '../../domain/obligation/view';

/** The OSCAL version the document declares (the POA&M model is unchanged from 1.1.x in NIST's 1.2.3 schema). */
export const POAM_OSCAL_VERSION = '1.1.3';

export interface PoamInput {
  directiveId: string;
  directiveTitle: string;
  generatedAt: string;
  engineVersion: string;
  obligations: { agencyId: string; name: string; status: ObligationStatus }[];
}

type Json = Record<string, unknown>;

/** A version-5-shaped UUID from a name: SHA-1 of the engine's namespace and the name, version and variant bits set. */
export function nameUuid(...name: string[]): string {
  const b = createHash('sha1')
    .update(`directive-engine/oscal\u0000${name.join('\u0000')}`)
    .digest();
  b[6] = (b[6]! & 0x0f) | 0x50;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = b.subarray(0, 16).toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

const nonEmpty = <K extends string, T>(key: K, items: T[]): Partial<Record<K, T[]>> =>
  items.length > 0 ? ({ [key]: items } as Record<K, T[]>) : {};

/** Amendments change the risk's course: an extension or a waiver is a deviation the issuer approved. */
const STATUS_CHANGE: Record<string, string | undefined> = {
  extend: 'deviation-approved',
  waive: 'deviation-approved',
  rescind: 'closed',
};

interface EvidenceResource {
  uuid: string;
  sha256: string;
  name: string;
  mediaType?: string;
}

export function oscalPoam(input: PoamInput): Json {
  const { directiveId } = input;
  const resources = new Map<string, EvidenceResource>();
  const observations: Json[] = [];
  const risks: Json[] = [];
  const items: Json[] = [];
  const parties: Json[] = [];

  for (const { agencyId, name, status } of input.obligations) {
    const key = `${directiveId}/${agencyId}`;
    parties.push({
      uuid: nameUuid(key, 'party'),
      type: 'organization',
      name: name || agencyId,
      'short-name': agencyId,
    });
    const observed = status.milestones.flatMap((m) =>
      m.submissions.map((s, i) => observation(key, m, s, i, resources)),
    );
    observations.push(...observed);
    const riskUuid = nameUuid(key, 'risk');
    risks.push(risk(input, agencyId, name, status, riskUuid));
    items.push({
      uuid: nameUuid(key, 'poam-item'),
      title: `${name || agencyId} (${agencyId}): ${directiveId}`,
      description: `${agencyId}'s obligation under ${directiveId} (${input.directiveTitle}): ${status.state}, phase ${status.phase}${status.overdue ? `, overdue (escalation level ${status.escalationLevel})` : ''}${status.nextDeadline ? `, next deadline ${status.nextDeadline}` : ''}.`,
      ...nonEmpty(
        'related-observations',
        observed.map((o) => ({ 'observation-uuid': o.uuid })),
      ),
      'related-risks': [{ 'risk-uuid': riskUuid }],
    });
  }

  return {
    'plan-of-action-and-milestones': {
      uuid: nameUuid(directiveId, 'poam', input.generatedAt),
      metadata: {
        title: `Plan of action and milestones: ${directiveId} (${input.directiveTitle})`,
        'last-modified': input.generatedAt,
        version: `${input.generatedAt} (directive deadline engine ${input.engineVersion})`,
        'oscal-version': POAM_OSCAL_VERSION,
        ...nonEmpty('parties', parties),
      },
      ...nonEmpty('observations', observations),
      ...nonEmpty('risks', risks),
      'poam-items': items,
      ...(resources.size > 0 && {
        'back-matter': {
          resources: [...resources.values()].map((r) => ({
            uuid: r.uuid,
            title: r.name,
            rlinks: [
              {
                href: `evidence/${r.sha256}`,
                ...(r.mediaType && { 'media-type': r.mediaType }),
                hashes: [{ algorithm: 'SHA-256', value: r.sha256 }],
              },
            ],
          })),
        },
      }),
    },
  };
}

function observation(
  key: string,
  m: MilestoneView,
  s: SubmissionView,
  round: number,
  resources: Map<string, EvidenceResource>,
): Json {
  const files = s.evidence?.files ?? [];
  const evidence: Json[] = files.map((f) => {
    const r = resource(resources, f.sha256, f.name, f.mediaType);
    return { href: `#${r.uuid}`, description: `${f.name} (${f.size} bytes, SHA-256 ${f.sha256})` };
  });
  if (s.evidence?.sha256) {
    const r = resource(resources, s.evidence.sha256.toLowerCase(), `${m.id} evidence file`);
    evidence.push({ href: `#${r.uuid}`, description: `the file the reporter hashed (SHA-256 ${r.sha256})` });
  }
  if (s.evidence?.uri) evidence.push({ href: s.evidence.uri, description: 'the evidence link the report gave' });
  const by = `${s.actor?.email ?? s.completedBy}${s.actor ? ` via ${s.actor.channel}` : ''}`;
  const review = s.review
    ? ` Review: ${s.review.decision} by ${s.review.reviewer} at ${s.review.at}: ${s.review.comment}`
    : '';
  return {
    uuid: nameUuid(key, m.id, 'report', String(round)),
    title: `${m.title} (${m.id}), report ${round + 1}`,
    description: s.evidence?.summary ?? 'Reported without evidence.',
    methods: ['EXAMINE'],
    collected: s.reportedAt,
    ...nonEmpty('relevant-evidence', evidence),
    remarks: `Reported by ${by}${s.late ? ', late' : ''}.${review}`,
  };
}

function resource(
  resources: Map<string, EvidenceResource>,
  sha256: string,
  name: string,
  mediaType?: string,
): EvidenceResource {
  const known = resources.get(sha256);
  if (known) return known;
  const r = { uuid: nameUuid('evidence', sha256), sha256, name, mediaType };
  resources.set(sha256, r);
  return r;
}

function risk(input: PoamInput, agencyId: string, name: string, status: ObligationStatus, uuid: string): Json {
  const key = `${input.directiveId}/${agencyId}`;
  const done = status.state !== 'active';
  const tasks = status.milestones.map((m) => ({
    uuid: nameUuid(key, m.id, 'task'),
    type: 'milestone',
    title: `${m.title} (${m.id})`,
    description: `${m.state}${m.late ? ', late' : ''}${m.completedAt ? `, done ${m.completedAt}` : ''}${m.dueAt !== m.originalDueAt ? `; originally due ${m.originalDueAt ?? 'without a date'}` : ''}. ${m.explanation}`,
    ...(m.dueAt && { timing: { 'on-date': { date: m.dueAt } } }),
  }));
  const log = status.history
    .filter((h) => h.event.startsWith('amended:'))
    .map((h, i) => {
      const kind = h.event.slice('amended:'.length);
      const change = STATUS_CHANGE[kind];
      return {
        uuid: nameUuid(key, 'amendment', String(i), h.at),
        title: `${kind}${h.milestoneId ? ` ${h.milestoneId}` : ''}`,
        ...(h.detail && { description: h.detail }),
        start: h.at,
        ...(change && { 'status-change': change }),
      };
    });
  return {
    uuid,
    title: `${name || agencyId} (${agencyId}) has not yet met ${input.directiveId}`,
    description: input.directiveTitle,
    statement: `Until every milestone of ${input.directiveId} is completed or waived, ${agencyId} remains exposed to what the directive addresses.`,
    status: done ? 'closed' : 'open',
    ...(status.nextDeadline && { deadline: status.nextDeadline }),
    remediations: [
      {
        uuid: nameUuid(key, 'remediation'),
        lifecycle: done ? 'completed' : 'planned',
        title: `Comply with ${input.directiveId}`,
        description: `The directive's milestones for ${agencyId}, with their deadlines in force.`,
        ...nonEmpty('tasks', tasks),
      },
    ],
    ...(log.length > 0 && { 'risk-log': { entries: log } }),
  };
}
