/**
 * Writes every file generated from the rule catalog and the code tables, so each has one
 * source of truth:
 * - docs/rules/<id>.md and docs/rules/README.md, from each rule's metadata, with how many
 *   test-corpus cables the rule flags;
 * - schemas/cablelintrc.schema.json, the JSON schema of `.cablelintrc.json`;
 * - package.json's `cable.rules` setting;
 * - the rules table in README.md (between the `rules` markers);
 * - server/src/core/tables/builtinTables.json, from server/data/*.tsv.
 * `npm run generate` writes them; test/unit/generated.test.ts fails when one is stale.
 */
import { readFileSync, readdirSync, writeFileSync, mkdirSync, existsSync } from 'node:fs';
import * as path from 'node:path';
import { SEVERITY_SETTINGS } from '../server/src/core/config/config';
import { lint, RULE_DOCS_BASE } from '../server/src/core/rules/engine';
import { RULES } from '../server/src/core/rules/registry';
import type { Rule } from '../server/src/core/rules/types';
import { parse } from '../server/src/core/parser/parse';
import { CodeTables, type RawTables } from '../server/src/core/tables/codeTables';
import { decodeBytes } from '../server/src/core/text/decode';
import { COMMAND_OPTIONS, usageLine, type CommandName } from '../server/src/cli/args';
import { CSV_COLUMNS } from '../server/src/cli/csv';
import { SETTING_DECLARATIONS, type SettingDeclaration } from '../server/src/lsp/settings';

export const ROOT = path.resolve(__dirname, '..');
const CORPUS = path.join(ROOT, 'test', 'fixtures', 'corpus');

function readTsv(text: string): { columns: string[]; rows: string[][] } {
  const lines = text.replace(/\r\n?/g, '\n').split('\n').filter((l) => l.length);
  const columns = lines.shift()!.split('\t');
  const rows = lines.map((line) => {
    const cells = line.split('\t');
    while (cells.length && cells[cells.length - 1] === '') cells.pop();
    return cells;
  });
  return { columns, rows };
}

export function builtinTablesJson(): string {
  const dataDir = path.join(ROOT, 'server', 'data');
  const tables: RawTables = {};
  for (const file of readdirSync(dataDir).filter((f) => f.endsWith('.tsv')).sort()) {
    tables[file.replace(/\.tsv$/, '')] = readTsv(readFileSync(path.join(dataDir, file), 'utf8'));
  }
  return `${JSON.stringify(tables)}\n`;
}

/** Files flagged and findings per rule, linting the test corpus with default severities. */
export function corpusCounts(): Map<string, { cables: number; findings: number; total: number }> {
  const tables = new CodeTables(JSON.parse(builtinTablesJson()) as RawTables);
  const files = readdirSync(CORPUS).filter((f) => f.endsWith('.cable'));
  const counts = new Map(RULES.map((r) => [r.id, { cables: 0, findings: 0, total: files.length }]));
  for (const f of files) {
    const doc = parse(decodeBytes(readFileSync(path.join(CORPUS, f))).text, { station: tables.station });
    const seen = new Set<string>();
    for (const p of lint(doc, { tables })) {
      const c = counts.get(p.ruleId)!;
      c.findings++;
      if (!seen.has(p.ruleId)) {
        seen.add(p.ruleId);
        c.cables++;
      }
    }
  }
  return counts;
}

function block(text: string): string {
  return ['```', text, '```'].join('\n');
}

export function ruleDoc(rule: Rule, counts: { cables: number; findings: number; total: number }): string {
  const lines = [
    `# ${rule.id}`,
    '',
    `${rule.description}`,
    '',
    `- Default severity: **${rule.defaultSeverity}**`,
    `- Fixable: ${rule.fixable ? 'yes' : 'no'}`,
    `- On the ${counts.total} real cables of the test corpus: flags ${counts.cables} cable${counts.cables === 1 ? '' : 's'} (${counts.findings} finding${counts.findings === 1 ? '' : 's'}).`,
    '',
    '## Why',
    '',
    rule.docs.rationale,
  ];
  if (rule.docs.bad) lines.push('', '## Flagged', '', block(rule.docs.bad));
  if (rule.docs.good) lines.push('', '## Right', '', block(rule.docs.good));
  if (rule.docs.fixDescription) lines.push('', '## Fix', '', rule.docs.fixDescription);
  lines.push(
    '',
    '## Configuration',
    '',
    'In `.cablelintrc.json` (or the `cable.rules` setting):',
    '',
    block(`{ "rules": { "${rule.id}": "${rule.defaultSeverity === 'off' ? 'warning' : 'off'}" } }`),
    '',
    '_Generated from the rule\'s source (server/src/core/rules) by `npm run generate`; do not edit._',
    '',
  );
  return lines.join('\n');
}

export function rulesTable(counts: Map<string, { cables: number; findings: number; total: number }>): string {
  const rows = RULES.map((r) => {
    const c = counts.get(r.id)!;
    return `| [${r.id}](docs/rules/${r.id}.md) | ${r.description.replace(/\|/g, '\\|')} | ${r.defaultSeverity} | ${r.fixable ? 'yes' : ''} | ${c.cables} |`;
  });
  return ['| rule | finds | default | fix | corpus cables flagged |', '|---|---|---|---|---|', ...rows].join('\n');
}

export function rulesIndex(counts: Map<string, { cables: number; findings: number; total: number }>): string {
  return [
    '# Rules',
    '',
    `Every rule, its default severity, and how many of the ${[...counts.values()][0]?.total ?? 0} real cables of the test corpus it flags.`,
    '',
    rulesTable(counts).replace(/\(docs\/rules\//g, '('),
    '',
    '_Generated by `npm run generate`; do not edit._',
    '',
  ].join('\n');
}

export function configSchema(): string {
  const severity = { type: 'string', enum: SEVERITY_SETTINGS };
  const rules = {
    type: 'object',
    description: 'Severity per rule id.',
    properties: Object.fromEntries(RULES.map((r) => [r.id, { ...severity, description: `${r.description} Default: ${r.defaultSeverity}.` }])),
    additionalProperties: false,
  };
  const schema = {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: 'Cable Tools configuration (.cablelintrc.json)',
    type: 'object',
    properties: {
      $schema: { type: 'string' },
      rules,
      overrides: {
        type: 'array',
        description: 'Rule severities for the files matching a glob (relative to this file).',
        items: {
          type: 'object',
          properties: { files: { type: 'array', items: { type: 'string' } }, rules },
          required: ['files', 'rules'],
          additionalProperties: false,
        },
      },
      ignore: { type: 'array', items: { type: 'string' }, description: 'Globs of files not to lint.' },
      codeTables: { type: 'array', items: { type: 'string' }, description: 'Extra code tables (TSV or JSON, same columns as the built-in ones), relative to this file.' },
    },
    additionalProperties: false,
  };
  return `${JSON.stringify(schema, null, 2)}\n`;
}

/** package.json's settings: every `cable.*` setting from its declaration (server/src/lsp/settings.ts), and `cable.rules` from the rules. */
export function packageJsonWithRules(current: string): string {
  const pkg = JSON.parse(current);
  const props: Record<string, unknown> = {};
  const restricted: string[] = [];
  for (const [name, declaration] of Object.entries(SETTING_DECLARATIONS)) {
    const { restricted: isRestricted, ...schema } = declaration as SettingDeclaration;
    props[`cable.${name}`] = schema;
    if (isRestricted) restricted.push(`cable.${name}`);
  }
  pkg.contributes.configuration.properties = props;
  pkg.capabilities.untrustedWorkspaces.restrictedConfigurations = restricted;
  props['cable.rules'] = {
    scope: 'resource',
    type: 'object',
    default: {},
    markdownDescription: `Severity per rule (${SEVERITY_SETTINGS.map((v) => `\`${v}\``).join(', ')}), over the defaults and \`.cablelintrc.json\`. See the [rules](${RULE_DOCS_BASE}README.md).`,
    properties: Object.fromEntries(RULES.map((r) => [r.id, { type: 'string', enum: SEVERITY_SETTINGS, description: `${r.description} Default: ${r.defaultSeverity}.` }])),
    additionalProperties: false,
  };
  return `${JSON.stringify(pkg, null, 2)}\n`;
}

/** `current` with the text between `<!-- name:start -->` and `<!-- name:end -->` replaced by `content` (unchanged without the markers). */
function replaceBetweenMarkers(current: string, name: string, content: string): string {
  const start = `<!-- ${name}:start -->`;
  const a = current.indexOf(start);
  const b = current.indexOf(`<!-- ${name}:end -->`);
  if (a < 0 || b < a) return current;
  return `${current.slice(0, a + start.length)}\n${content}\n${current.slice(b)}`;
}

export function readmeWithRules(current: string, table: string): string {
  return replaceBetweenMarkers(current, 'rules', table);
}

/** The README's command-line synopsis, from the options each command declares (server/src/cli/args.ts). */
export function readmeWithUsage(current: string): string {
  const lines = (Object.keys(COMMAND_OPTIONS) as CommandName[]).map(usageLine);
  return replaceBetweenMarkers(current, 'cli-usage', `\`\`\`\n${lines.join('\n')}\n\`\`\``);
}

/** The README's table of `cable parse --format csv` columns, from their declaration (server/src/cli/csv.ts). */
export function readmeWithCsvColumns(current: string): string {
  const rows = CSV_COLUMNS.map((c) => `| \`${c.name}\` | ${c.description} |`);
  return replaceBetweenMarkers(current, 'csv-columns', ['| column | what |', '|---|---|', ...rows].join('\n'));
}

/** Every generated file: path (relative to the root) and its content. */
export function generatedFiles(): Map<string, string> {
  const counts = corpusCounts();
  const files = new Map<string, string>();
  for (const rule of RULES) files.set(`docs/rules/${rule.id}.md`, ruleDoc(rule, counts.get(rule.id)!));
  files.set('docs/rules/README.md', rulesIndex(counts));
  files.set('schemas/cablelintrc.schema.json', configSchema());
  files.set('package.json', packageJsonWithRules(readFileSync(path.join(ROOT, 'package.json'), 'utf8')));
  files.set('README.md', readmeWithCsvColumns(readmeWithUsage(readmeWithRules(readFileSync(path.join(ROOT, 'README.md'), 'utf8'), rulesTable(counts)))));
  files.set('server/src/core/tables/builtinTables.json', builtinTablesJson());
  return files;
}

if (require.main === module) {
  for (const [file, content] of generatedFiles()) {
    const full = path.join(ROOT, file);
    mkdirSync(path.dirname(full), { recursive: true });
    if (!existsSync(full) || readFileSync(full, 'utf8') !== content) {
      writeFileSync(full, content);
      console.log(`wrote ${file}`);
    }
  }
}
