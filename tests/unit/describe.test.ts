import { describe, expect, it } from 'vitest';
import { describeIssue, fieldLabel, issueSentence, parseFieldPath, typeOfFile } from '../../src/lib/content/describe.ts';
import { fileType, folderType } from '../../src/content/model/index.ts';

const data: Record<string, Record<string, unknown>> = {
  'defis/brigade.md': { title: 'Brigade fictive' },
  'defis/sans-titre.md': { title: '  ' },
};
const dataOf = (file: string) => data[file];

describe('content issues in an editor’s words', () => {
  it('parses field paths with list indexes', () => {
    expect(parseFieldPath('numbers[0].num')).toEqual(['numbers', 0, 'num']);
    expect(parseFieldPath('steps.list[12].desc')).toEqual(['steps', 'list', 12, 'desc']);
    expect(parseFieldPath('date')).toEqual(['date']);
  });

  it('gives the model’s labels along a path, list items numbered from 1', () => {
    expect(fieldLabel(fileType('program').fields, 'numbers[0].num')).toBe('Chiffres clés n° 1 › Nombre');
    expect(fieldLabel(fileType('program').fields, 'steps.list[2].duration')).toBe('Phases › Liste n° 3 › Durée');
    expect(fieldLabel(folderType('defis').fields, 'date')).toBe('Date de publication');
    expect(fieldLabel(folderType('defis').fields, 'promos[1]')).toBe('Promotions n° 2');
    // A key the model does not know stays as written rather than disappearing.
    expect(fieldLabel(folderType('defis').fields, 'couleur')).toBe('couleur');
  });

  it('names an entry by its kind and title, a page by its label', () => {
    expect(typeOfFile('defis/brigade.md')?.name).toBe('defis');
    expect(typeOfFile('program.md')?.name).toBe('program');
    expect(typeOfFile('defis/sous/dossier.md')).toBeUndefined();
    expect(describeIssue({ file: 'defis/brigade.md', field: 'date' }, dataOf)).toEqual({ kind: 'Défi', title: 'Brigade fictive', field: 'Date de publication' });
    expect(describeIssue({ file: 'defis/sans-titre.md' }, dataOf)).toEqual({ kind: 'Défi', title: 'sans-titre', field: undefined });
    expect(describeIssue({ file: 'program.md', field: 'numbers[0].num' }, dataOf)).toMatchObject({ kind: 'Page', title: fileType('program').label });
    expect(describeIssue({ file: 'inconnu.txt' }, dataOf)).toMatchObject({ kind: 'Fichier', title: 'inconnu.txt' });
  });

  it('writes one French sentence per issue', () => {
    expect(issueSentence({ file: 'defis/brigade.md', field: 'date', message: 'date hors de la période admise' }, dataOf))
      .toBe('Défi « Brigade fictive », champ « Date de publication » : date hors de la période admise');
    expect(issueSentence({ file: 'articles/x.md', message: 'fichier trop volumineux' }, () => undefined)).toBe('Fichier « articles/x.md » : fichier trop volumineux');
  });
});
