/**
 * The court finder (issue 15, point 7) on the real data of ./data (Creuse) and,
 * for a postcode whose communes belong to two ressorts — a case the real data
 * does not hold yet — on a fictitious fixture used by these tests only.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { courtById } from '../identity/courts.ts';
import { courtDatasets, parseCourtDataset } from './dataset.ts';
import { courtFinder, createCourtFinder } from './finder.ts';

const fixture = () =>
  parseCourtDataset(
    readFileSync(join(import.meta.dirname, 'fixtures', 'fictif-deux-ressorts.yaml'), 'utf8'),
    'fictif-deux-ressorts.yaml',
  );

describe('the court finder on the real data', () => {
  it('finds the tribunal judiciaire de Guéret for a postcode of the Creuse, with its address', () => {
    const s = courtFinder().find('23000');
    expect(s.status).toBe('trouve');
    expect(s.court).toEqual({
      id: 'tj-gueret',
      name: 'Tribunal judiciaire de Guéret',
      address: { lines: ['23 place Bonnyaud'], postcode: '23000', city: 'Guéret' },
      hours: null,
    });
    expect(s.communes.map((c) => c.name)).toContain('Guéret');
  });

  it('lists every commune of a postcode several Creuse communes share, one court for all', () => {
    const s = courtFinder().find('23 200'); // Aubusson and its neighbours, typed with a space
    expect(s.postcode).toBe('23200');
    expect(s.status).toBe('trouve');
    expect(s.court?.id).toBe('tj-gueret');
    expect(s.communes.length).toBeGreaterThan(1);
    expect(s.communes.map((c) => c.name)).toContain('Aubusson');
  });

  it('says so for a postcode the data does not cover, and for one that is not a postcode', () => {
    expect(courtFinder().find('75001')).toEqual({
      postcode: '75001',
      status: 'inconnu',
      court: null,
      communes: [],
    });
    expect(courtFinder().find('2300').status).toBe('invalide');
    expect(courtFinder().find('abcde').status).toBe('invalide');
  });
});

describe('the court finder on a postcode spanning two ressorts (fictitious fixture)', () => {
  const finder = createCourtFinder([fixture()]);

  it('asks for the commune when the postcode’s communes belong to two courts', () => {
    const s = finder.find('99150');
    expect(s.status).toBe('choisir');
    expect(s.court).toBeNull();
    expect(s.communes).toEqual([
      { insee: '99004', name: 'Limite-Basse', court: 'tj-fictif-sud' },
      { insee: '99002', name: 'Limite-Haute', court: 'tj-fictif-nord' },
    ]);
  });

  it('gives the court of the commune chosen, and nothing for a commune not of that postcode', () => {
    expect(finder.find('99150', '99002').court?.name).toBe('Tribunal judiciaire fictif du Nord');
    expect(finder.find('99150', '99004').court?.name).toBe('Tribunal judiciaire fictif du Sud');
    expect(finder.find('99150', '99003').status).toBe('inconnu');
  });

  it('gives the opening hours only when the data has them', () => {
    expect(finder.find('99100').court?.hours).toBe('du lundi au vendredi, de 9 h à 12 h');
    expect(finder.find('99200').court?.hours).toBeNull();
  });

  it('refuses a court described twice', () => {
    expect(() => createCourtFinder([fixture(), fixture()])).toThrow(/déjà décrit/);
  });
});

describe('the court data', () => {
  const real = courtDatasets();

  it('holds the Creuse: every current commune of the département, each with a postcode of the Creuse', () => {
    const creuse = real.find((d) => d.departement.code === '23');
    expect(creuse?.courts.map((c) => c.id)).toEqual(['tj-gueret']);
    const communes = creuse?.ressorts.flatMap((r) => r.communes) ?? [];
    // INSEE's Code officiel géographique 2026 (@etalab/decoupage-administratif 6.0.0): 255 communes.
    expect(communes).toHaveLength(255);
    expect(new Set(communes.map((c) => c.insee)).size).toBe(255);
    for (const c of communes) {
      expect(c.insee.startsWith('23'), c.name).toBe(true);
      for (const p of c.postcodes) expect(p.startsWith('23'), `${c.name} ${p}`).toBe(true);
    }
  });

  it('gives its courts to the platform’s list (case filing, staff accounts, deadline calendars)', () => {
    expect(courtById('tj-gueret')).toEqual({
      id: 'tj-gueret',
      name: 'Tribunal judiciaire de Guéret',
      calendar: 'fr',
    });
  });

  it('names a source, read on a given day, for every court and every ressort', () => {
    for (const d of real) {
      for (const c of d.courts) {
        expect(c.sources.length, c.id).toBeGreaterThan(0);
        // The address and the ressort each have their own source.
        expect(
          c.sources.some((s) => /adresse/.test(s.fact ?? '')),
          `${c.id} : source de l'adresse`,
        ).toBe(true);
        for (const s of c.sources) expect(s.url ?? s.ref, c.id).toBeTruthy();
      }
      for (const r of d.ressorts) {
        expect(r.source.url, r.court).toMatch(/^https:\/\//);
        expect(r.communesSource.url ?? r.communesSource.ref, r.court).toBeTruthy();
      }
    }
  });

  it('refuses an entry without a source, or a source without its day', () => {
    const text = readFileSync(join(import.meta.dirname, 'fixtures', 'fictif-deux-ressorts.yaml'), 'utf8');
    expect(() => parseCourtDataset(text.replace(/ {4}source: .*\n/, ''), 'x.yaml')).toThrow(
      /ressorts\[0\]\.source : source manquante/,
    );
    expect(() =>
      parseCourtDataset(text.replace('read: "2026-12-03" }\n  - id', 'read: "hier" }\n  - id'), 'x.yaml'),
    ).toThrow(/date de lecture/);
    expect(() => parseCourtDataset(text.replace(/ {6}- \{ fact: .*\n/, ''), 'x.yaml')).toThrow(
      /sources manquantes/,
    );
  });
});
