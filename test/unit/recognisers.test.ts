/**
 * The field recognisers on their own: Classified By parts, reasons, canonical cable ids,
 * HTML character references, reference kinds and ids, multi-word tags, addressees.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cableIdFromFileName, canonicalOrigin } from '../../server/src/core/parser/cableIds';
import { readClassifiedBy, readReasons } from '../../server/src/core/parser/classifiedBy';
import { isDashRule, matchParagraphStart, matchPortionMarkAt } from '../../server/src/core/parser/bodyLines';
import { decodeEntities } from '../../server/src/core/parser/entities';
import { joinMultiWordTags, parseCaptionLine, refKind, scanCableRefs, scanTags } from '../../server/src/core/parser/textHeaderLines';
import { scanBodyText } from '../../server/src/core/parser/bodyLines';
import { LineMap } from '../../server/src/core/text/lineMap';
import { parseAddressee, splitRunInPost } from '../../server/src/core/parser/headerLines';
import { tidyRefItems } from '../../server/src/core/parser/references';
import { documentTokens, type RefBlock } from '../../server/src/core/model/cable';
import { builtinTables } from '../../server/src/core/tables/codeTables';
import { parse } from '../../server/src/core/parser/parse';
import { quotesDoubled, summaryText } from '../../server/src/core/features/summary';

describe('Classified By', () => {
  const cases: [string, string | undefined, string | undefined, string[]][] = [
    ['Classified By: Ambassador J. Curtis Struble. Reason: 1.4 (b,d)', 'J. Curtis Struble', 'Ambassador', ['1.4(B)', '1.4(D)']],
    ['CLASSIFIED BY AMBASSADOR DELANO E. LEWIS. REASONS 1.5 (B) AND (D).', 'DELANO E. LEWIS', 'AMBASSADOR', ['1.5(B)', '1.5(D)']],
    ['CLASSIFIED BY: Gene A. Cretz, Ambassador, U.S. Embassy Tripoli, Department of State. REASON: 1.4 (b), (d)', 'Gene A. Cretz', 'Ambassador', ['1.4(B)', '1.4(D)']],
    ['Classified By: Classified By: DCM Daniel R. Russel: reasons 1.5 (B) (D)', 'Daniel R. Russel', 'DCM', ['1.5(B)', '1.5(D)']],
    ['Classified By: Deputy Political Minister Counselor Marc Knapper for rea sons 1.4 (b) and (d)', 'Marc Knapper', 'Deputy Political Minister Counselor', ['1.4(B)', '1.4(D)']],
    ['CLASSIFIED BY ASSISTANT SECRETARY FOR SOUTH ASIAN AFFAIRS CHRISTINA B. ROCCA. REASON: 1.5 (B) AND (D)', 'CHRISTINA B. ROCCA', 'ASSISTANT SECRETARY FOR SOUTH ASIAN AFFAIRS', ['1.5(B)', '1.5(D)']],
    ['Classified By: CLASSIFIED BY LINE ADDED', undefined, undefined, []],
    // A preview cut in the first word (10TBILISI203, 08BERLIN1095); cut later, what stands is kept (08STATE86156).
    ['Classified By: Lawrence R. Silverman, Deputy Chief of Mission, reason 1 .4(b) and (d)', 'Lawrence R. Silverman', 'Deputy Chief of Mission', ['1.4(B)', '1.4(D)']],
    ['Classified By: Ambass...', undefined, undefined, []],
    ['Classified By: Acting...', undefined, undefined, []],
    ['Classified by Senior Watch Officer Debor...', 'Debor', 'Senior Watch Officer', []],
    ['Classified By: Derived from Multiple Sources', undefined, undefined, []],
    ['Classified by: Ambassador, reasons 1.4 (b) and (d)', undefined, 'Ambassador', ['1.4(B)', '1.4(D)']],
    // Titles the word list does not know, or not all of: the title ends at its last office word.
    ["Classified By: EST Counselor Daniel O'Grady for reason 1.4(d)", "Daniel O'Grady", 'EST Counselor', ['1.4(D)']],
    ['Classified By: DepPolCouns Lawrence Cohen, reason 1.4 (d)', 'Lawrence Cohen', 'DepPolCouns', ['1.4(D)']],
    ['Classified By: ARSO Elizabeth Esparza for reasons 1.4 (b) and (d)', 'Elizabeth Esparza', 'ARSO', ['1.4(B)', '1.4(D)']],
    ['Classified By: USEU POLOFF TOOD HUIZINGA, FOR REASONS 1.4 (B) AND (D)', 'TOOD HUIZINGA', 'USEU POLOFF', ['1.4(B)', '1.4(D)']],
    ['Classified By: ACTIING ECON COUNSELOR JOHN MCNAMARA, REASONS 1.4 (B) an d (D).', 'JOHN MCNAMARA', 'ACTIING ECON COUNSELOR', ['1.4(B)', '1.4(D)']],
    ['Classified By: Economic-Political Minister-Counselor Donald A. Blome for reason 1.4 (d).', 'Donald A. Blome', 'Economic-Political Minister-Counselor', ['1.4(D)']],
    ["Classified By: Charge d'Affaires, a.i. Simon Henshaw, reasons 1.4 (b & d)", 'Simon Henshaw', "Charge d'Affaires, a.i.", ['1.4(B)', '1.4(D)']],
    ['Classified By: CDA, a.i., Hugo Llorens, Reasons 1.4(b) and (d)', 'Hugo Llorens', 'CDA, a.i.', ['1.4(B)', '1.4(D)']],
    // A suffix after a comma stays with the name, with its full stop.
    ['Classified By: Ambassador Robert O. Blake, Jr. for reasons 1.4 (b) and (d)', 'Robert O. Blake, Jr.', 'Ambassador', ['1.4(B)', '1.4(D)']],
    // A middle initial is the name's; two signers keep the first reading.
    ['Classified By: Ambassador Alan D. Solomont for reasons 1.4 (b) and (d)', 'Alan D. Solomont', 'Ambassador', ['1.4(B)', '1.4(D)']],
    ['Classified By: Poloff Steven Prohaska and DTRA Fred Carter for reasons 1.4 (b) and (d)', 'Steven Prohaska and DTRA Fred Carter', 'Poloff', ['1.4(B)', '1.4(D)']],
  ];
  for (const [text, name, title, reasons] of cases) {
    it(text, () => assert.deepEqual(readClassifiedBy(text), { ...(name !== undefined || title !== undefined ? { name, title } : {}), reasons }));
  }
  it('reads reasons in every written form', () => {
    assert.deepEqual(readReasons('1.4 (b) and (d)'), ['1.4(B)', '1.4(D)']);
    assert.deepEqual(readReasons('1.5 (B,D)'), ['1.5(B)', '1.5(D)']);
    assert.deepEqual(readReasons('1.4(b&d)'), ['1.4(B)', '1.4(D)']);
    assert.deepEqual(readReasons('1.4(b+d)'), ['1.4(B)', '1.4(D)']);
    assert.deepEqual(readReasons('1.4 (b) , (c), and (d).'), ['1.4(B)', '1.4(C)', '1.4(D)']);
    assert.deepEqual(readReasons('1.4. (b), (d).'), ['1.4(B)', '1.4(D)']);
    assert.deepEqual(readReasons('1.4 (b ) and (d)'), ['1.4(B)', '1.4(D)']);
    assert.deepEqual(readReasons('1.6X6'), ['1.6X6']);
    // A comma after the section, a blank inside the parentheses, no blanks around `and`.
    assert.deepEqual(readReasons('reasons 1.5, b/d.'), ['1.5(B)', '1.5(D)']);
    assert.deepEqual(readReasons('reasons 1.4, (b) and (d )'), ['1.4(B)', '1.4(D)']);
    assert.deepEqual(readReasons('reasons 1.4(b) (c)and(d)'), ['1.4(B)', '1.4(C)', '1.4(D)']);
    assert.deepEqual(readReasons('reason 1.4 because of'), ['1.4']);
    // Split by a line break or OCR: the second reason was lost, or read as (A).
    assert.deepEqual(readReasons('1.4 (B) an d (D).'), ['1.4(B)', '1.4(D)']);
    assert.deepEqual(readReasons('1.4 (b) a nd (d)'), ['1.4(B)', '1.4(D)']);
    assert.deepEqual(readReasons('reasons 1. 4 (b) & (d).'), ['1.4(B)', '1.4(D)']);
    assert.deepEqual(readReasons('1. 4 million dollars'), []);
  });
});

describe('canonical cable ids', () => {
  it('spells origins as the archive does', () => {
    assert.equal(canonicalOrigin('SECSTATE'), 'STATE');
    assert.equal(canonicalOrigin('HAGUE'), 'THEHAGUE');
    assert.equal(canonicalOrigin('THE HAGUE'), 'THEHAGUE');
    assert.equal(canonicalOrigin('ST. PETERSBURG'), 'STPETERSBURG');
    assert.equal(canonicalOrigin('USUN NEW YORK'), 'USUNNEWYORK');
  });
  it('reads an id from a file name, and nothing else', () => {
    assert.deepEqual(cableIdFromFileName('/x/y/08ASTANA2361.cable'), { year: 8, origin: 'ASTANA', serial: 2361, id: '08ASTANA2361' });
    assert.equal(cableIdFromFileName('notes.cable'), undefined);
    assert.equal(cableIdFromFileName('2008-astana.cable'), undefined);
  });
  it('without a classification line, takes the file name only when the DE serial and the sender agree with it', () => {
    // The head of 09SANSALVADOR789 (corpus/dev), whose classification line is missing.
    const head = (de: string, from: string) => `VZCZCXYZ0000\nOO RUEHWEB\n\nDE RUEHSN #${de}/01 2332211\nZNY SSSSS ZZH\nO 212211Z AUG 09\nFM ${from}\nTO RUEHC/SECSTATE WASHDC IMMEDIATE 1526\nSIPDIS\n\nE.O. 12958: DECL: 06/10/2019\nTAGS: PREL ES\nSUBJECT: X\n`;
    const idOf = (text: string) => {
      const doc = parse(text, { fileName: '/a/09SANSALVADOR789.cable' });
      return [doc.id, doc.idSource];
    };
    assert.deepEqual(idOf(head('0789', 'AMEMBASSY SAN SALVADOR')), ['09SANSALVADOR789', 'file name']);
    assert.deepEqual(idOf(head('0790', 'AMEMBASSY SAN SALVADOR')), [undefined, undefined]);
    assert.deepEqual(idOf(head('0789', 'AMEMBASSY TEGUCIGALPA')), [undefined, undefined]);
  });
});

describe('HTML character references', () => {
  it('decodes numeric and named references, and leaves the rest', () => {
    assert.equal(decodeEntities('IRAN&#8217;S &amp; IRAQ&#x2019;S &quot;X&quot;'), 'IRAN’S & IRAQ’S "X"');
    assert.equal(decodeEntities('R&D, AT&T, &bogus; &#0;'), 'R&D, AT&T, &bogus; &#0;');
  });

  it('reads names with their case: `&Eacute;` is É, `&eacute;` é; a name in the wrong case stays', () => {
    assert.equal(decodeEntities('JOS&Eacute; PE&Ntilde;A, Jos&eacute; Pe&ntilde;a'), 'JOSÉ PEÑA, José Peña');
    assert.equal(decodeEntities('&AMP; &QUOT;x&QUOT; &LT;&GT;'), '& "x" <>');
    assert.equal(decodeEntities('&EACUTE; &Amp; &NBSP; &Rsquo;'), '&EACUTE; &Amp; &NBSP; &Rsquo;');
  });

  it('reads &#128;-&#159; as Windows-1252 does, and leaves references to control characters and separators', () => {
    assert.equal(decodeEntities('minister&#146;s &#147;plan&#148; &#150; end&#133;'), 'minister’s “plan” – end…');
    assert.equal(decodeEntities('&#x92;'), '’');
    // No character for 0x81 in Windows-1252; C0 controls, DEL, a line break inside a line, U+2028, noncharacters.
    for (const kept of ['&#129;', '&#1;', '&#9;', '&#10;', '&#13;', '&#127;', '&#8232;', '&#x2029;', '&#xFFFE;', '&#xFDD0;', '&#xD800;', '&#1114112;']) assert.equal(decodeEntities(kept), kept, kept);
  });
});

describe('a preview cut short, then a later field', () => {
  it('takes the later SUBJECT only when it reads the same as far as the preview goes', () => {
    // 73TEHRAN2077 (corpus): the preview stops at `...`; another cable (06THEHAGUE131) is glued after it.
    const text = (later: string) => `UNCLAS TEHRAN 002077\n\nTAGS: PFOR IR\nSUBJECT: AUDIENCE WITH SHAH APRIL...\n\n${later}\n`;
    assert.equal(parse(text('SUBJECT: NETHERLANDS/ISAF: PARLIAMENTARY TRIP CANCELED')).textHeader.subject?.text, 'AUDIENCE WITH SHAH APRIL...');
    assert.equal(parse(text('SUBJECT: AUDIENCE WITH SHAH APRIL 5')).textHeader.subject?.text, 'AUDIENCE WITH SHAH APRIL 5');
  });
  it('takes the later REF list only when it starts with the same item', () => {
    const text = (later: string) => `UNCLAS ANKARA 000082\n\nTAGS: PREL TU\nSUBJECT: TALKS\nREF: A. 04 STATE 201785\n     B. 04 STATE 2084...\n\n${later}\n`;
    assert.deepEqual(parse(text('REF: A. 04 STATE 201785 B. 04 STATE 208448')).textHeader.refs?.items.map((item) => item.text), ['04 STATE 201785', '04 STATE 208448']);
    assert.deepEqual(parse(text('REF: A. 05 ROME 1 B. 05 ROME 2')).textHeader.refs?.items.map((item) => item.text), ['04 STATE 201785', '04 STATE 2084...']);
  });
});

describe('quotation marks written twice', () => {
  it('are read as doubled with or without the CSV record line, the field delimiters aside', () => {
    // 02ROME3639 (corpus/dev), cut out of a quoted CSV field: pairs, and the field's closing mark.
    assert.equal(quotesDoubled('INTO THE NEW ""CHRISTIAN\nDEMOCRATIC CENTER"" WAS NOT\n ""AS A RESULT,"" BOSSI SAID.\n"\n'), true);
    assert.equal(quotesDoubled('21950,10/22/2004 15:09,04THEHAGUE2735,"Embassy The Hague",x'), true);
    // Ordinary quotation marks, and an empty pair among them, are not doubled.
    assert.equal(quotesDoubled('HE SAID "NO" AND "YES" AND "MAYBE", NOT ""'), false);
    assert.equal(quotesDoubled('NO QUOTATION MARKS AT ALL'), false);
  });

  it('find the record line at the start of any line (after LF, CR or a Unicode line separator), not inside one', () => {
    const row = '21950,10/22/2004 15:09,04THEHAGUE2735,"Embassy The Hague"';
    for (const before of ['UNCLASSIFIED\n', 'UNCLASSIFIED\r\n', 'UNCLASSIFIED\r', 'UNCLASSIFIED\u2028', 'UNCLASSIFIED\u2029']) assert.equal(quotesDoubled(`${before}${row}\nTEXT`), true, JSON.stringify(before));
    assert.equal(quotesDoubled(`SEE ${row}\nTEXT`), false);
  });
});

describe('the summary', () => {
  it('reads every run of blanks as one space: tabs, a lone CR, doubled spaces; and drops a SIPDIS run into it', () => {
    const cable = 'UNCLAS SECTION 01 OF 02 ROME 000123\n\nSUBJECT: TEST\n\n1. (U) Summary:\tThe  minister\rsaid SIPDIS that  the\t\ttalks\nwent well. End Summary.\n\n2. (U) More.\n';
    assert.equal(summaryText(parse(cable)), 'The minister said that the talks went well.');
  });
});

describe('references', () => {
  const station = builtinTables().station;
  const ids = (s: string, year = 2008): (string | undefined)[] => scanCableRefs(s, 0, station, year).map((r) => r.id);
  it('reads the written forms of real cables', () => {
    assert.deepEqual(ids('08 STATE 134386'), ['08STATE134386']);
    assert.deepEqual(ids('SECSTATE 74879'), ['08STATE74879']);
    assert.deepEqual(ids('08 HAGUE 468'), ['08THEHAGUE468']);
    assert.deepEqual(ids('ASUNCION 701 (07)'), ['07ASUNCION701']);
    assert.deepEqual(ids('QUITO 4525-91'), ['91QUITO4525']);
    assert.deepEqual(ids('BAGHDAD #3565'), ['08BAGHDAD3565']);
    assert.deepEqual(ids('ST. PETERSBURG 75'), ['08STPETERSBURG75']);
    assert.deepEqual(ids('870 ULAANBAATAR'), ['08ULAANBAATAR870']);
    assert.deepEqual(ids('BRASILIA 2799 AND 2764'), ['08BRASILIA2799', '08BRASILIA2764']);
    // Eight digits, as page headers write serials (09TRIPOLI948: `REF: STATE 00120578`); nine are not a serial.
    assert.deepEqual(ids('STATE 00120578', 2009), ['09STATE120578']);
    assert.deepEqual(ids('STATE 000120578', 2009), []);
    assert.deepEqual(ids('TEHRAN 1091: TEHRAN 263: MOSCOW 1603'), ['08TEHRAN1091', '08TEHRAN263', '08MOSCOW1603']);
    assert.deepEqual(ids('2003 Sao Paulo 2199'), ['03SAOPAULO2199']);
    assert.deepEqual(ids('09BOGOTA1506'), ['09BOGOTA1506']);
  });
  it('takes no free text for a cable', () => {
    assert.deepEqual(ids('WILSON/MACK TELECON OF MAY 5'), []);
    assert.deepEqual(ids('08 MOSCOW ...'), []);
    assert.deepEqual(ids('PARA 5'), []);
  });
  it('names the kind of a non-cable reference', () => {
    assert.equal(refKind('FEB 24 A/S CARSON-AMB SANDERS TELCON', 0), 'telecon');
    assert.equal(refKind('E-MAIL OF 3 MARCH', 0), 'email');
    assert.equal(refKind('LETTER FROM THE MINISTER', 0), 'letter');
    assert.equal(refKind('STATE 1234', 1), 'cable');
    assert.equal(refKind('NONE', 0), 'other');
  });
});

describe('TAGS', () => {
  it('keeps multi-word tags whole, across a line break, and names person tags as the archive does', () => {
    const text = 'TAGS: PREL, HUMAN RIGHTS, CARSON JOHNNIE, KU COUNTRY\nCLEARANCE';
    // Each line is scanned on its own, as the parser does.
    const lf = text.indexOf('\n');
    const tags = joinMultiWordTags([...scanTags(text.slice(0, lf), 5, 0).tags, ...scanTags(text.slice(lf + 1), 0, lf + 1).tags], text);
    assert.deepEqual(tags.map((t) => t.code), ['PREL', 'HUMAN RIGHTS', 'CARSON, JOHNNIE', 'KU', 'COUNTRY CLEARANCE']);
    assert.equal(tags[2].kind, 'personTag');
    assert.equal(text.slice(tags[4].start, tags[4].end), 'COUNTRY\nCLEARANCE');
  });
  it('keeps a three-word tag in a space-separated line whole (04BUENOSAIRES3067)', () => {
    const text = 'TAGS: PHUM PREL AR UNSC MEETINGS WITH AMBASSADOR';
    assert.deepEqual(joinMultiWordTags(scanTags(text, 5, 0).tags, text).map((t) => t.code), ['PHUM', 'PREL', 'AR', 'UNSC', 'MEETINGS WITH AMBASSADOR']);
  });
  it('leaves ordinary tags alone', () => {
    const text = 'TAGS: PREL PGOV HUMAN KZ';
    assert.deepEqual(joinMultiWordTags(scanTags(text, 5, 0).tags, text).map((t) => t.code), ['PREL', 'PGOV', 'HUMAN', 'KZ']);
  });
});

describe('dash rules', () => {
  it('are dashes, equals signs or underscores alone on a line, dashes also spaced out', () => {
    for (const rule of ['-------', '  ------- \\', '=====', '- - - - - - - ']) assert.ok(isDashRule(rule), rule);
    for (const text of ['- -', '-- Reinfeldt is composed', '- - - a', '--']) assert.ok(!isDashRule(text), text);
  });
});

describe('paragraph starts and portion marks', () => {
  it('reads a long release list as the mark (08STATE1265: `6.(S//REL AS, CA, FR, GM, IS, IT, JP, ROK, and UK)`)', () => {
    const line = '6.(S//REL AS, CA, FR, GM, IS, IT, JP, ROK, and UK) BEGIN "IF RAISED" TALKING POINTS: a. If host';
    const start = matchParagraphStart(line, 100);
    assert.equal(start?.rawNumber, 6);
    assert.equal(start?.portionMark?.text, '(S//REL AS, CA, FR, GM, IS, IT, JP, ROK, and UK)');
    assert.equal(start?.portionMark?.level, 'SECRET');
    assert.equal(start?.textStart, 100 + line.indexOf('BEGIN') - 1);
    const sub = matchPortionMarkAt('a. (S//REL AS, CA, FR, GM, IS, IT, JP, ROK, and UK) FOR ALL:', 2, 0);
    assert.equal(sub?.level, 'SECRET');
  });

  it('reads the mark before the number (03THEHAGUE1865: `(C) 1. In a visit to The Hague`), not a REF item so written', () => {
    const line = '(C) 1. In a visit to The Hague, July 15-16, A/S Jones met';
    const start = matchParagraphStart(line, 10);
    assert.equal(start?.rawNumber, 1);
    assert.equal(start?.number.text, '1.');
    assert.equal(start?.number.start, 14);
    assert.equal(start?.portionMark?.text, '(C)');
    assert.equal(start?.portionMark?.start, 10);
    assert.equal(start?.textStart, 10 + line.indexOf('In a visit'));
    assert.equal(matchParagraphStart('(C) 05 BRASILIA 387;', 0), undefined);
    assert.equal(matchParagraphStart('(SEE PARA 2) 3. below', 0), undefined);
    assert.equal(matchParagraphStart('(NOTE) 2. The figures', 0), undefined);
  });

  it('reads a comma typed for the full stop when a portion mark follows (04THEHAGUE1915: `5, (S/NF) This information …`)', () => {
    const line = '5, (S/NF) This information was provided ORCA for traces.';
    const start = matchParagraphStart(line, 40);
    assert.equal(start?.rawNumber, 5);
    assert.equal(start?.commaStop, true);
    assert.equal(start?.missingStop, undefined);
    assert.equal(start?.number.text, '5,');
    assert.equal(start?.number.start, 40);
    assert.equal(start?.portionMark?.text, '(S/NF)');
    assert.equal(start?.textStart, 40 + line.indexOf('This') - 1);
    assert.equal(matchParagraphStart('18, (SBU) Accompanying Under Secretary Burns', 0)?.number.text, '18,');
    // A number and a comma in prose, or a comma after a blank, start no paragraph.
    assert.equal(matchParagraphStart('2005, (the year of the elections) was', 0), undefined);
    assert.equal(matchParagraphStart('5, in the meantime, (C) said', 0), undefined);
    assert.equal(matchParagraphStart('5 , (C) The minister', 0), undefined);
    assert.equal(matchParagraphStart('5. (C) The minister', 0)?.commaStop, undefined);
  });

  it('does not take a parenthesised remark for a mark', () => {
    assert.equal(matchParagraphStart('3. (See paragraph 5 for the text of the note) The …', 0)?.portionMark, undefined);
    assert.equal(matchParagraphStart('3. (Embassy note: the minister, who spoke at length) The …', 0)?.portionMark, undefined);
  });

  it('reads a mark that ends with // (09NAIROBI1171: `¶1. (C//REL TO USA, KEN, GBR//)`)', () => {
    const start = matchParagraphStart('¶1. (C//REL TO USA, KEN, GBR//) The Kenyan government …', 0);
    assert.equal(start?.portionMark?.text, '(C//REL TO USA, KEN, GBR//)');
    assert.equal(start?.portionMark?.level, 'CONFIDENTIAL');
  });

  it('sees a block marker after a mark with a release list (10KABUL693: `¶1. (S//Rel NATO, ISAF) Begin Summary.`)', () => {
    const text = '¶1. (S//Rel NATO, ISAF) Begin Summary. Senior Civilian …\n';
    const hits = scanBodyText(text, 0, text.length, new LineMap(text));
    assert.ok(hits.some((h) => h.type === 'marker' && h.kind === 'summary' && !h.end));
  });
});

describe('captions', () => {
  it('reads the captions of a banner with the level first (09STATE119085: `SECRET//NOFORN`)', () => {
    assert.deepEqual(parseCaptionLine('SECRET//NOFORN ', 0)?.map((c) => c.value), ['NOFORN']);
    assert.deepEqual(parseCaptionLine('CONFIDENTIAL//NOFORN//ORCON', 0)?.map((c) => c.value), ['NOFORN', 'ORCON']);
    assert.equal(parseCaptionLine('SECRET//SOMETHING ELSE', 0), undefined);
    assert.equal(parseCaptionLine('SECRET', 0), undefined);
  });
});

describe('addressees', () => {
  const read = (line: string) => {
    const keyword = /^(?:TO|INFO)\s/.exec(line)?.[0].trimEnd().length ?? 0;
    const a = parseAddressee('to', 0, line, 0, keyword);
    return { ri: a.ri?.text, plad: a.plad?.text, precedence: a.precedence?.text, mcn: a.mcn?.text, mcnTo: a.mcnTo?.text };
  };
  it('reads the MCN, a range of them, and the precedence word before them', () => {
    assert.deepEqual(read('TO RUEHC/SECSTATE WASHDC IMMEDIATE 3985'), { ri: 'RUEHC', plad: 'SECSTATE WASHDC', precedence: 'IMMEDIATE', mcn: '3985', mcnTo: undefined });
    assert.deepEqual(read('RUEHBJ/AMEMBASSY BEIJING 2276-2279'), { ri: 'RUEHBJ', plad: 'AMEMBASSY BEIJING', precedence: undefined, mcn: '2276', mcnTo: '2279' });
  });
  it('reads an MCN written without its leading zeros after a precedence word or a post', () => {
    assert.deepEqual(read('RUEHMN/AMEMBASSY MONTEVIDEO PRIORITY 738'), { ri: 'RUEHMN', plad: 'AMEMBASSY MONTEVIDEO', precedence: 'PRIORITY', mcn: '738', mcnTo: undefined });
    assert.deepEqual(read('RUEHKA/AMEMBASSY DHAKA 757'), { ri: 'RUEHKA', plad: 'AMEMBASSY DHAKA', precedence: undefined, mcn: '757', mcnTo: undefined });
    assert.deepEqual(read('TO SECSTATE WASHDC 475'), { ri: undefined, plad: 'SECSTATE WASHDC', precedence: undefined, mcn: '475', mcnTo: undefined });
  });
  it('keeps a number that ends a unit’s name in the name', () => {
    assert.deepEqual(read('RHMFISS/CTF 150'), { ri: 'RHMFISS', plad: 'CTF 150', precedence: undefined, mcn: undefined, mcnTo: undefined });
    assert.deepEqual(read('RUEKJCS/JTF 435 BAGRAM 12'), { ri: 'RUEKJCS', plad: 'JTF 435 BAGRAM 12', precedence: undefined, mcn: undefined, mcnTo: undefined });
  });
});

describe('addressees run together by Cablegate', () => {
  const read = (line: string) =>
    splitRunInPost(parseAddressee('info', 0, line, 0, 0)).map((a) => ({
      ri: a.ri?.text,
      plad: a.plad?.text,
      precedence: a.precedence?.text,
      mcn: a.mcn?.text,
      span: line.slice(a.span.start, a.span.end),
    }));
  it('drops the month run in after LA PAZ, and gives the post after it the line’s precedence and MCN', () => {
    assert.deepEqual(read('RUEHLP/AMEMBASSY LA PAZ MAR LIMA 3401'), [
      { ri: 'RUEHLP', plad: 'AMEMBASSY LA PAZ', precedence: undefined, mcn: undefined, span: 'RUEHLP/AMEMBASSY LA PAZ' },
      { ri: undefined, plad: 'LIMA', precedence: undefined, mcn: '3401', span: 'LIMA 3401' },
    ]);
    assert.deepEqual(read('RUEHLP/DEA LA PAZ DEC USSOUTHCOM MIAMI FL PRIORITY'), [
      { ri: 'RUEHLP', plad: 'DEA LA PAZ', precedence: undefined, mcn: undefined, span: 'RUEHLP/DEA LA PAZ' },
      { ri: undefined, plad: 'USSOUTHCOM MIAMI FL', precedence: 'PRIORITY', mcn: undefined, span: 'USSOUTHCOM MIAMI FL PRIORITY' },
    ]);
  });
  it('keeps the MCN with LA PAZ when no post follows the month', () => {
    assert.deepEqual(read('RUEHLP/AMEMBASSY LA PAZ NOV 5521'), [{ ri: 'RUEHLP', plad: 'AMEMBASSY LA PAZ', precedence: undefined, mcn: '5521', span: 'RUEHLP/AMEMBASSY LA PAZ NOV 5521' }]);
  });
  it('leaves other lines alone', () => {
    assert.deepEqual(read('RUEHLP/AMEMBASSY LA PAZ PRIORITY 4256'), [{ ri: 'RUEHLP', plad: 'AMEMBASSY LA PAZ', precedence: 'PRIORITY', mcn: '4256', span: 'RUEHLP/AMEMBASSY LA PAZ PRIORITY 4256' }]);
    assert.deepEqual(read('RUEHMD/AMEMBASSY MADRID 7781'), [{ ri: 'RUEHMD', plad: 'AMEMBASSY MADRID', precedence: undefined, mcn: '7781', span: 'RUEHMD/AMEMBASSY MADRID 7781' }]);
  });
  it('reads ZEN in place of a routing indicator as a marker, not as part of the name', () => {
    const a = parseAddressee('to', 0, 'ZEN/AMEMBASSY MOSCOW NIACT IMMEDIATE 4778-4781', 0, 0);
    assert.deepEqual(
      { marker: a.marker, ri: a.ri?.text, plad: a.plad?.text, precedence: a.precedence?.text, niact: a.niact, mcn: a.mcn?.text, mcnTo: a.mcnTo?.text },
      { marker: 'ZEN', ri: undefined, plad: 'AMEMBASSY MOSCOW', precedence: 'NIACT IMMEDIATE', niact: true, mcn: '4778', mcnTo: '4781' },
    );
  });
});

describe('REF item text', () => {
  const tidy = (items: { letter?: string; text: string }[]) => {
    const refs = { items: items.map((i) => ({ ...i, firstLine: 0, lastLine: 0, span: { start: 0, end: 0 }, cables: [], qualifiers: [] })) } as unknown as RefBlock;
    tidyRefItems(refs);
    return refs.items.map((i) => i.text);
  };
  it('drops the separator before the next item', () => {
    assert.deepEqual(tidy([{ letter: 'A', text: 'SECSTATE 43784,' }, { letter: 'B', text: '06 SAN JOSE 1254' }]), ['SECSTATE 43784', '06 SAN JOSE 1254']);
    assert.deepEqual(tidy([{ text: 'ABUJA 207;' }]), ['ABUJA 207']);
  });
  it('drops the item’s letter written again', () => {
    assert.deepEqual(tidy([{ letter: 'A', text: 'A) SAN JOSE 0018 AND PREVIOUS' }, { letter: 'B', text: '(B) 03 USDAO BRASILIA IIR 6 809 0235 03' }, { letter: 'C', text: 'C. BAMAKO 754' }]), [
      'SAN JOSE 0018 AND PREVIOUS',
      '03 USDAO BRASILIA IIR 6 809 0235 03',
      'BAMAKO 754',
    ]);
  });
  it('ends an item before the one unnumbered paragraph run onto its line, not before a mark that ends it', () => {
    assert.deepEqual(
      tidy([{ text: 'STATE 43799 (SBU) Poloff delivered reftel message to MFA Bilateral Relations Officer Hind Kamal on April 28.' }, { letter: 'B', text: 'ROME 451 (C)' }, { letter: 'C', text: 'ROME 452 (U) B. ROME 453' }]),
      ['STATE 43799', 'ROME 451 (C)', 'ROME 452 (U) B. ROME 453'],
    );
    // 08STATE85615 and 09LONDON2622: a ruled heading and a note run onto the item's line.
    assert.deepEqual(
      tidy([{ text: 'Tbilisi 001344 ------------------------------------------ EVACUATION AUTHORITY AND DEPARTMENT POLICY' }, { letter: 'B', text: 'LONDON 2199  NOTE:  FOR TECHNICAL REASONS, THIS CABLE IS BEING TRANSMITTED IN THREE PARTS.' }]),
      ['Tbilisi 001344', 'LONDON 2199'],
    );
  });
  it('ends an item before the handling note that follows the list', () => {
    assert.deepEqual(
      tidy([
        { text: 'SAO PAULO 30 SENSITIVE BUT UNCLASSIFIED - PLEASE PROTECT ACCORDINGLY.' },
        { letter: 'B', text: '08 RIO DE JAN 0044 and previous Sensitive But Unclassified - Please handle accordingly. This message has been approved by Ambassador Sobel.' },
        { text: '2009 BRASILIA 893 (U) THIS CABLE IS SENSITIVE BUT UNCLASSIFIED AND NOT FOR INTERNET DISTRIBUTION.' },
      ]),
      ['SAO PAULO 30', '08 RIO DE JAN 0044 and previous', '2009 BRASILIA 893'],
    );
  });
  it('ends an item before a paragraph run onto its line', () => {
    assert.deepEqual(tidy([{ text: 'Brasilia 600 and previous 1. (SBU) Summary: In a surprise move, the Brazilian federal prosecutor' }]), ['Brasilia 600 and previous']);
  });
  it('keeps the ellipsis of a truncated item and the full stop of an abbreviation', () => {
    assert.deepEqual(tidy([{ text: 'SECST...' }, { letter: 'C', text: 'Henshaw/OP Center Telcons, 12 Feb.' }]), ['SECST...', 'Henshaw/OP Center Telcons, 12 Feb.']);
  });
  it('keeps an initial, another letter, and commas inside the item', () => {
    assert.deepEqual(tidy([{ letter: 'D', text: 'B. EVANS EMAIL 1/22/07' }, { letter: 'A', text: 'A. BAKER LETTER' }, { letter: 'B', text: 'BRASILIA 2799, 2764 AND 2801' }]), [
      'B. EVANS EMAIL 1/22/07',
      'A. BAKER LETTER',
      'BRASILIA 2799, 2764 AND 2801',
    ]);
  });
});

describe('paragraphs run onto the line before', () => {
  const numbers = (body: string): [number, boolean][] =>
    parse(`C O N F I D E N T I A L SECTION 01 OF 02 BRASILIA 000581\n\nSUBJECT: TEST\n\n${body}\n`).body.paragraphs.map((p) => [p.number, p.runIn]);
  // Renderings that lose the line breaks between paragraphs lose those inside them too: the
  // lines are long (bodyZone.ts RUN_IN_LINE), and so are these.
  const LONG = 'The rendering lost the line breaks, and the whole text of the cable stands on a line. ';
  it('starts the next paragraph after a sentence, with a portion mark', () => {
    assert.deepEqual(numbers(`1. (C) One.\n\n2. (C) ${LONG}Two on the evening of March 3 for the U.S. 3. (SBU) Federal Police contacts. 4.(C) Four.`), [
      [1, false],
      [2, false],
      [3, true],
      [4, true],
    ]);
  });
  it('after a dashed heading, a heading in capitals, a redaction or a section break', () => {
    assert.deepEqual(numbers('1. (C) One. SOMALIA ------- 2. (C) Two. MINISTRY OF FOREIGN AFFAIRS 3. (U) Three in XXXXXXXXXXXX 4. (S//NF) Four. BRASILIA 00000581 002 OF 002 5. (C) Five.'), [
      [1, false],
      [2, true],
      [3, true],
      [4, true],
      [5, true],
    ]);
  });
  it('not a date, a cross-reference, a number out of sequence or a mark where the paragraphs have none', () => {
    assert.deepEqual(numbers('1. (C) On the evening of October 2. (C) was seen. See REF 2. (C) and para 2. (C) too. The 3. (C) third. Then two. 2. Unmarked.'), [[1, false]]);
    assert.deepEqual(numbers(`1. (C) ${LONG}One said: "yes."2. (C) Glued.`), [[1, false]]);
  });
  it('without portion marks only where the paragraphs have none, after a sentence and before a capital', () => {
    const doc = parse('UNCLAS BRASILIA 000581\n\n1. One.\n\n2. Two said: 3. Not after a colon, and Rafael Beleboni, MRE. 3. USAID/Haiti: three. On October 4. the fourth. 4. lower case, not a paragraph.\n');
    assert.deepEqual(
      doc.body.paragraphs.map((p) => [p.number, p.runIn, p.lead.slice(0, 12)]),
      [
        [1, false, 'One.'],
        [2, false, 'Two said: 3.'],
        [3, true, 'USAID/Haiti:'],
      ],
    );
  });
  it('paragraph 1 before any other, with a portion mark, and a number that lost its full stop', () => {
    assert.deepEqual(numbers('------- SUMMARY ------- 1. (C) In a meeting. NOC REACTS SWIFTLY 2 (SBU) Libya\'s oil. Then 3 (SBU) not after a sentence end, and 3 the third.'), [
      [1, true],
      [2, true],
    ]);
    assert.deepEqual(numbers(`${LONG}------- SUMMARY ------- 1. In a meeting without a mark.`), []);
  });
  it('paragraph 1 run onto the Classified By line or after the last REF item', () => {
    const doc = parse(
      'C O N F I D E N T I A L TRIPOLI 000614\n\nE.O. 12958: DECL: 7/29/2018\nTAGS: PREL LY\nSUBJECT: TEST\n\nREF: (A) TRIPOLI 144  CLASSIFIED BY: Chris Stevens, CDA. REASON: 1.4 (b), (d) 1.  (C)  Summary.  On July 20-22, a team came. 2. (C) Then more.\n',
    );
    assert.deepEqual(doc.body.paragraphs.map((p) => [p.number, p.runIn, p.firstLine]), [
      [1, true, 6],
      [2, true, 6],
    ]);
    assert.equal(doc.textHeader.classifiedBy?.text, 'CLASSIFIED BY: Chris Stevens, CDA. REASON: 1.4 (b), (d)');
    assert.equal(doc.body.blocks[0]?.kind, 'summary', '`1.  (C)  Summary.` opens the summary');
    const afterRef = parse('UNCLAS SECTION 01 OF 03 TRIPOLI 000467\n\nSUBJECT: TEST\n\nREF: A) TRIPOLI 158, B) TRIPOLI 218, C) TRIPOLI 161 (NODIS), D) TRIPOLI 165 (NODIS), E) TRIPOLI 332, F) TRIPOLI 411  TRIPOLI 00000467  001.2 OF 003   1. (C) Summary: Eleven members.\n');
    assert.deepEqual(afterRef.body.paragraphs.map((p) => [p.number, p.runIn]), [[1, true]]);
    assert.equal(afterRef.textHeader.refs?.items.at(-1)?.text, 'TRIPOLI 411');
  });
  it('only on long lines: not on a line of a text wrapped as usual', () => {
    assert.deepEqual(numbers('1. (C) One.\n\n2. (C) Two on the evening of March 3 for the U.S. 3. (SBU) Federal'), [
      [1, false],
      [2, false],
    ]);
  });
  it('ends the paragraph before at the number, on the same line', () => {
    const doc = parse(`UNCLAS BRASILIA 000581\n\n1. (U) One.\n${LONG}Still one. 2. (U) Two\nand more.\n`);
    const [one, two] = doc.body.paragraphs;
    assert.equal(doc.text.slice(one.span.start, one.span.end), `1. (U) One.\n${LONG}Still one.`);
    assert.equal(doc.text.slice(two.span.start, two.span.end), '2. (U) Two\nand more.');
    assert.deepEqual([one.lastLine, two.firstLine, two.lastLine], [3, 3, 4]);
    assert.ok(documentTokens(doc).some((t) => t.kind === 'paragraphNumber' && t.text === '2.'), 'the number is a token, for hovers and highlighting');
  });
});
