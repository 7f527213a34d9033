import dcmjs from 'dcmjs';
import { describe, expect, it } from 'vitest';
import { buildStudy, CT_IMAGE, newUid, toPart10 } from '../testing/build';
import { headerFrom } from './header';
import { quickParse } from './quick';

dcmjs.log.setLevel('silent');
dcmjs.log.getLogger('validation.dcmjs').setLevel('silent');

/** A small seeded generator, so that a failure can be replayed. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Strings that probe dcmjs' value formatting: padding, delimiters, name groups, non-ASCII, controls. */
const AWKWARD = [
  '',
  ' ',
  'Plain',
  ' padded ',
  'odd ',
  'a\\b',
  'a\\b ',
  '\\lead',
  'trail\\',
  'Doe^John',
  'Doe^John^^Dr^',
  '^^',
  'Doe^John=ドウ^ジョン=do^jon',
  '=Ideographic',
  'Müller^Jürgen',
  '中文',
  'tab\there',
  'nul\u0000in',
  'esc\u001b$B',
  '12',
  ' 7 ',
  '+3',
  '-0',
  '1.0',
  '1e3',
  '007',
  '99999999999999999999',
  '1\\2',
  '1.2.840.x',
  '1.2 \u0000',
  '20240314',
  '2024031',
  '092653.123456 ',
  '<script>x</script>',
];

function pick<T>(next: () => number, list: readonly T[]): T {
  return list[Math.floor(next() * list.length)] as T;
}

const CHARSETS = [
  undefined,
  '',
  'ISO_IR 100',
  'ISO_IR 192',
  'ISO_IR 6',
  'ISO 2022 IR 100',
  'GB18030',
  'ISO_IR 100\\ISO_IR 192',
];

/** A dataset with awkward values for the attributes the import reads, some extra elements and sometimes sequences. */
function awkwardFile(next: () => number): Uint8Array {
  const value = () => pick(next, AWKWARD);
  const maybe = (key: string, v: unknown, into: Record<string, unknown>) => {
    if (next() < 0.75) into[key] = v;
  };
  const dataset: Record<string, unknown> = {
    SOPClassUID: next() < 0.9 ? CT_IMAGE : value(),
    SOPInstanceUID: next() < 0.8 ? newUid() : value(),
    StudyInstanceUID: next() < 0.8 ? newUid() : value(),
    SeriesInstanceUID: next() < 0.8 ? newUid() : value(),
  };
  const charset = pick(next, CHARSETS);
  if (charset !== undefined) dataset.SpecificCharacterSet = charset;
  for (const key of [
    'StudyDate',
    'StudyTime',
    'AccessionNumber',
    'Modality',
    'ReferringPhysicianName',
    'TimezoneOffsetFromUTC',
    'StudyDescription',
    'SeriesDescription',
    'PatientName',
    'PatientID',
    'PatientBirthDate',
    'BodyPartExamined',
    'Laterality',
    'ImageLaterality',
  ])
    maybe(key, value(), dataset);
  maybe('SeriesNumber', next() < 0.7 ? Math.floor(next() * 20) : value(), dataset);
  maybe('InstanceNumber', next() < 0.7 ? Math.floor(next() * 500) : value(), dataset);
  maybe('Rows', 64, dataset);
  maybe('SliceThickness', next() * 5, dataset);
  maybe('ImagePositionPatient', [next(), -next() * 100, 12.5], dataset);
  maybe('InstitutionName', value(), dataset);
  if (next() < 0.5) {
    dataset.ProcedureCodeSequence = Array.from({ length: Math.floor(next() * 3) }, () => {
      const item: Record<string, unknown> = {};
      maybe('CodeValue', value(), item);
      maybe('CodingSchemeDesignator', value(), item);
      maybe('CodeMeaning', value(), item);
      if (next() < 0.3)
        item.SpecificCharacterSet = pick(
          next,
          CHARSETS.filter((c) => c !== undefined),
        );
      return item;
    });
  }
  if (next() < 0.4) {
    dataset.ReferencedImageSequence = [
      { ReferencedSOPClassUID: CT_IMAGE, ReferencedSOPInstanceUID: newUid() },
      { ReferencedSOPClassUID: CT_IMAGE, ReferencedSOPInstanceUID: newUid(), ReferencedFrameNumber: '1' },
    ];
  }
  if (next() < 0.8) {
    Object.assign(dataset, {
      Columns: 4,
      BitsAllocated: 16,
      PixelData: [new Uint16Array(16).buffer],
      _vrMap: { PixelData: 'OW' },
    });
  }
  try {
    return toPart10(dataset);
  } catch {
    // dcmjs refuses to write some of the values: try another file.
    return awkwardFile(next);
  }
}

/** An element for `encode`: a value, or the items of a sequence, each of defined or undefined length. */
interface Element {
  tag: number;
  vr: string;
  value?: Uint8Array;
  items?: { elements: Element[]; undefinedLength: boolean }[];
  undefinedLength?: boolean;
}

const LONG_VRS = new Set(['OB', 'OW', 'OF', 'SQ', 'UC', 'UR', 'UT', 'UN', 'OD', 'UV']);
const latin1 = (text: string) => Uint8Array.from(text, (c) => c.charCodeAt(0) & 0xff);
const u16 = (n: number) => Uint8Array.of(n & 0xff, (n >>> 8) & 0xff);
const u32 = (n: number) => Uint8Array.of(n & 0xff, (n >>> 8) & 0xff, (n >>> 16) & 0xff, (n >>> 24) & 0xff);
const tagOf = (tag: number) => concat([u16(tag >>> 16), u16(tag & 0xffff)]);
const UNDEFINED = 0xffffffff;

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  parts.reduce((at, p) => (out.set(p, at), at + p.length), 0);
  return out;
}

/** Explicit VR little endian, by hand: dcmjs only writes sequences and items of undefined length. */
function encode(elements: readonly Element[]): Uint8Array {
  return concat(
    elements.map(({ tag, vr, value = new Uint8Array(), items, undefinedLength }) => {
      if (items) {
        const body = concat(
          items.map((item) => {
            const content = encode(item.elements);
            const end = item.undefinedLength ? concat([tagOf(0xfffee00d), u32(0)]) : new Uint8Array();
            return concat([tagOf(0xfffee000), u32(item.undefinedLength ? UNDEFINED : content.length), content, end]);
          }),
        );
        const end = undefinedLength ? concat([tagOf(0xfffee0dd), u32(0)]) : new Uint8Array();
        return concat([tagOf(tag), latin1(vr), u16(0), u32(undefinedLength ? UNDEFINED : body.length), body, end]);
      }
      const header = LONG_VRS.has(vr) ? [latin1(vr), u16(0), u32(value.length)] : [latin1(vr), u16(value.length)];
      return concat([tagOf(tag), ...header, value]);
    }),
  );
}

const uidElement = (tag: number): Element => ({ tag, vr: 'UI', value: latin1(`${newUid()}\0`) });

/** A hand-encoded file: awkward values, a ProcedureCodeSequence and nested sequences, now and then a wrong VR. */
function encodedFile(next: () => number): Uint8Array {
  const text = () => latin1(pick(next, AWKWARD) + (next() < 0.3 ? pick(next, AWKWARD) : ''));
  const vrOf = (vr: string) => (next() < 0.03 ? pick(next, ['LO', 'UN', 'OB', 'XX']) : vr);
  const items = (count: number, elements: () => Element[]) =>
    Array.from({ length: count }, () => ({ elements: next() < 0.1 ? [] : elements(), undefinedLength: next() < 0.5 }));
  const code = (): Element[] => [
    ...(next() < 0.2 ? [{ tag: 0x00080005, vr: 'CS', value: text() }] : []),
    ...(
      [
        [0x00080100, 'SH'],
        [0x00080102, 'SH'],
        [0x00080104, 'LO'],
      ] as const
    )
      .filter(() => next() < 0.8)
      .map(([tag, vr]) => ({ tag, vr: vrOf(vr), value: text() })),
    ...(next() < 0.2
      ? [{ tag: 0x00081110, vr: 'SQ', undefinedLength: next() < 0.5, items: items(1, () => [uid(0x00081155)]) }]
      : []),
  ];
  const uid = (tag: number): Element => ({ tag, vr: 'UI', value: latin1(next() < 0.8 ? `${newUid()}\0` : '1.2\\3') });
  const charset = pick(next, ['ISO_IR 192', 'ISO_IR 100', '', 'ISO_IR 6 ', 'GB18030', 'ISO_IR 100\\ISO_IR 192']);
  const elements: Element[] = [
    ...(next() < 0.8 ? [{ tag: 0x00080005, vr: 'CS', value: latin1(charset) }] : []),
    ...(
      [
        [0x00080020, 'DA'],
        [0x00080030, 'TM'],
        [0x00080050, 'SH'],
        [0x00080060, 'CS'],
        [0x00080090, 'PN'],
        [0x00081030, 'LO'],
        [0x00100010, 'PN'],
        [0x00100020, 'LO'],
        [0x00200011, 'IS'],
        [0x00200013, 'IS'],
      ] as const
    )
      .filter(() => next() < 0.85)
      .map(([tag, vr]) => ({ tag, vr: vrOf(vr), value: text() })),
    ...[0x00080016, 0x00080018, 0x0020000d, 0x0020000e].map(uid),
    ...(next() < 0.6
      ? [{ tag: 0x00081032, vr: 'SQ', undefinedLength: next() < 0.5, items: items(Math.floor(next() * 4), code) }]
      : []),
    ...(next() < 0.5 ? [{ tag: 0x00280010, vr: 'US', value: next() < 0.9 ? u16(64) : Uint8Array.of(1, 2, 3) }] : []),
    // Bytes that look like item and delimitation tags, inside a value.
    ...(next() < 0.3 ? [{ tag: 0x00091010, vr: pick(next, ['OB', 'LO', 'UT']), value: u32(0xe00dfffe) }] : []),
  ].sort((a, b) => a.tag - b.tag);
  if (next() < 0.85) elements.push({ tag: 0x7fe00010, vr: 'OW', value: new Uint8Array(32) });
  const meta = encode([
    { tag: 0x00020001, vr: 'OB', value: Uint8Array.of(0, 1) },
    { tag: 0x00020002, vr: 'UI', value: latin1(`${CT_IMAGE}\0`) },
    { tag: 0x00020010, vr: 'UI', value: latin1(next() < 0.9 ? '1.2.840.10008.1.2.1\0' : '1.2.840.10008.1.2.4.50') },
  ]);
  const group = encode([{ tag: 0x00020000, vr: 'UL', value: u32(meta.length) }]);
  return concat([new Uint8Array(128), latin1('DICM'), group, meta, encode(elements)]);
}

/** Both parses of the same bytes; the quick one must agree whenever it answers. */
function compare(bytes: Uint8Array, size: number): boolean {
  const viaDcmjs = headerFrom(bytes, size, false);
  const quick = quickParse(bytes) !== undefined;
  if (quick) expect(headerFrom(bytes, size)).toEqual(viaDcmjs);
  return quick;
}

const plain = buildStudy({
  patientId: 'MRN-1',
  patientName: 'Lovelace^Ada',
  birthDate: '18151210',
  accession: 'A-1',
  description: 'CT chest',
  date: '20240314',
  time: '092653.5',
  timezoneOffset: '+0100',
  referringPhysician: 'Curie^Marie^^Dr',
  procedure: { code: '29252-4', scheme: 'LN', meaning: 'CT Chest' },
  matrix: 16,
  series: [{ modality: 'CT', sopClassUid: CT_IMAGE, bodyPart: 'CHEST', laterality: 'R', instances: 2 }],
});

describe('quickParse', () => {
  it('reads a plain file, as dcmjs does', () => {
    for (const { bytes } of plain.instances) expect(compare(bytes, bytes.length)).toBe(true);
  });

  it('answers as dcmjs does, or leaves the file to dcmjs, for awkward values', () => {
    const next = random(17);
    let quick = 0;
    const files = 400;
    for (let i = 0; i < files; i++) {
      const bytes = awkwardFile(next);
      if (compare(bytes, bytes.length)) quick++;
      // The same file read in part, as the first slice of a larger file.
      const cut = Math.floor(next() * bytes.length);
      compare(bytes.subarray(0, cut), bytes.length);
    }
    // Many of them are plain enough for the fast path (the others: no pixel data, an unusual character set).
    expect(quick).toBeGreaterThan(files / 3);
  });

  it('answers as dcmjs does, or leaves the file to dcmjs, for damaged bytes', () => {
    const next = random(41);
    let quick = 0;
    const sources = [...plain.instances.map((i) => i.bytes), ...Array.from({ length: 20 }, () => awkwardFile(next))];
    for (let i = 0; i < 3000; i++) {
      const bytes = pick(next, sources).slice();
      const header = Math.min(bytes.length, 1200);
      const flips = 1 + Math.floor(next() * 3);
      for (let f = 0; f < flips; f++) {
        const at = 128 + Math.floor(next() * (header - 128));
        bytes[at] = next() < 0.5 ? Math.floor(next() * 256) : (bytes[at] ?? 0) ^ (1 << Math.floor(next() * 8));
      }
      if (compare(bytes, bytes.length)) quick++;
    }
    expect(quick).toBeGreaterThan(100);
  });

  it('reads sequences and items of defined and undefined length as dcmjs does', () => {
    const next = random(7);
    let quick = 0;
    for (let i = 0; i < 2000; i++) {
      let bytes = encodedFile(next);
      // Some damage: one byte anywhere after the preamble, or the file cut short.
      if (next() < 0.3) bytes[132 + Math.floor(next() * (bytes.length - 132))] = Math.floor(next() * 256);
      if (next() < 0.2) bytes = bytes.subarray(0, Math.floor(next() * bytes.length));
      if (compare(bytes, next() < 0.2 ? bytes.length + 1000 : bytes.length)) quick++;
    }
    expect(quick).toBeGreaterThan(400);
  });

  it('finds the end of an item as dcmjs does when a value holds bytes like an item or delimitation tag', () => {
    const cases = [
      [0xe00dfffe, 4],
      [0xe00dfffe, 0],
      [0xe000fffe, UNDEFINED],
      [0xe000fffe, 4],
      [0xe0ddfffe, 0],
    ] as const;
    for (const [word, length] of cases) {
      for (const undefinedLength of [true, false]) {
        const item: Element[] = [
          { tag: 0x00080100, vr: 'SH', value: latin1('ABCD') },
          { tag: 0x00080104, vr: 'LO', value: concat([u32(word), u32(length)]) },
        ];
        const bytes = concat([
          new Uint8Array(128),
          latin1('DICM'),
          encode([{ tag: 0x00020000, vr: 'UL', value: u32(28) }]),
          encode([{ tag: 0x00020010, vr: 'UI', value: latin1('1.2.840.10008.1.2.1\0') }]),
          encode([
            uidElement(0x00080016),
            uidElement(0x00080018),
            { tag: 0x00081032, vr: 'SQ', undefinedLength, items: [{ elements: item, undefinedLength: true }] },
            uidElement(0x0020000d),
            uidElement(0x0020000e),
            { tag: 0x7fe00010, vr: 'OW', value: new Uint8Array(8) },
          ]),
        ]);
        compare(bytes, bytes.length);
      }
    }
  });

  it('leaves implicit VR and big endian files to dcmjs', () => {
    const bytes = plain.instances[0]?.bytes ?? new Uint8Array();
    const text = new TextDecoder('latin1').decode(bytes.subarray(0, 400));
    const at = text.indexOf('1.2.840.10008.1.2.1');
    expect(at).toBeGreaterThan(0);
    for (const syntax of ['1.2.840.10008.1.2\0\0\0', '1.2.840.10008.1.2.2\0']) {
      const copy = bytes.slice();
      // Same length as the original value (20 bytes with its pad), so the element stays well-formed.
      copy.set(new TextEncoder().encode(syntax), at);
      expect(quickParse(copy)).toBeUndefined();
    }
  });
});
