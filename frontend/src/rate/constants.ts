// The one place for the values the rating API speaks (element codes, scores, respondent
// profile) and their Bahasa Indonesia labels.

import type { components } from "../api/schema.gen";

/** The nine SKM elements of PermenPANRB 14/2017, stored by code (never by position). */
export const ELEMENT_CODES = ["U1", "U2", "U3", "U4", "U5", "U6", "U7", "U8", "U9"] as const;
export type ElementCode = (typeof ELEMENT_CODES)[number];
export type Score = 1 | 2 | 3 | 4;

export interface ElementDef {
  code: ElementCode;
  name: string;
  question: string;
  /** Answer wordings for scores 1, 2, 3, 4 (in that order). */
  answers: readonly [string, string, string, string];
}

export const ELEMENTS: readonly ElementDef[] = [
  {
    code: "U1",
    name: "Persyaratan",
    question: "Bagaimana kesesuaian persyaratan pelayanan dengan jenis pelayanannya?",
    answers: ["Tidak sesuai", "Kurang sesuai", "Sesuai", "Sangat sesuai"],
  },
  {
    code: "U2",
    name: "Sistem, mekanisme, dan prosedur",
    question: "Bagaimana kemudahan prosedur pelayanan di unit ini?",
    answers: ["Tidak mudah", "Kurang mudah", "Mudah", "Sangat mudah"],
  },
  {
    code: "U3",
    name: "Waktu penyelesaian",
    question: "Bagaimana kecepatan waktu dalam memberikan pelayanan?",
    answers: ["Tidak cepat", "Kurang cepat", "Cepat", "Sangat cepat"],
  },
  {
    code: "U4",
    name: "Biaya/tarif",
    question: "Bagaimana kewajaran biaya/tarif dalam pelayanan?",
    answers: ["Sangat mahal", "Cukup mahal", "Murah", "Gratis"],
  },
  {
    code: "U5",
    name: "Produk spesifikasi jenis pelayanan",
    question:
      "Bagaimana kesesuaian produk pelayanan yang tercantum dalam standar pelayanan dengan hasil yang diberikan?",
    answers: ["Tidak sesuai", "Kurang sesuai", "Sesuai", "Sangat sesuai"],
  },
  {
    code: "U6",
    name: "Kompetensi pelaksana",
    question: "Bagaimana kompetensi/kemampuan petugas dalam pelayanan?",
    answers: ["Tidak kompeten", "Kurang kompeten", "Kompeten", "Sangat kompeten"],
  },
  {
    code: "U7",
    name: "Perilaku pelaksana",
    question: "Bagaimana perilaku petugas dalam pelayanan terkait kesopanan dan keramahan?",
    answers: ["Tidak sopan dan ramah", "Kurang sopan dan ramah", "Sopan dan ramah", "Sangat sopan dan ramah"],
  },
  {
    code: "U8",
    name: "Penanganan pengaduan, saran, dan masukan",
    question: "Bagaimana penanganan pengaduan, saran, dan masukan pengguna layanan?",
    answers: ["Tidak ada", "Ada tetapi tidak berfungsi", "Berfungsi kurang maksimal", "Dikelola dengan baik"],
  },
  {
    code: "U9",
    name: "Sarana dan prasarana",
    question: "Bagaimana kualitas sarana dan prasarana pelayanan?",
    answers: ["Buruk", "Cukup", "Baik", "Sangat baik"],
  },
];

/** The form's value for "Tidak berlaku / tidak tahu": the element is left out of the body. */
export const NOT_APPLICABLE = "0";

export interface Choice<V extends string = string> {
  value: V;
  label: string;
}

type Schemas = components["schemas"];

// Typed by the API's own enums (types only: nothing of the generated client is bundled), so a
// value the API does not accept fails the type check.
export const SEXES: readonly Choice<Schemas["Sex"]>[] = [
  { value: "male", label: "Laki-laki" },
  { value: "female", label: "Perempuan" },
];

export const AGE_BANDS: readonly Choice<Schemas["AgeBand"]>[] = [
  { value: "under_20", label: "Di bawah 20 tahun" },
  { value: "20_29", label: "20–29 tahun" },
  { value: "30_39", label: "30–39 tahun" },
  { value: "40_49", label: "40–49 tahun" },
  { value: "50_59", label: "50–59 tahun" },
  { value: "60_plus", label: "60 tahun ke atas" },
];

export const EDUCATIONS: readonly Choice<Schemas["Education"]>[] = [
  { value: "sd", label: "SD ke bawah" },
  { value: "smp", label: "SMP" },
  { value: "sma", label: "SMA/SMK" },
  { value: "diploma", label: "D1–D3" },
  { value: "s1", label: "D4/S1" },
  { value: "s2", label: "S2" },
  { value: "s3", label: "S3" },
];

export const OCCUPATIONS: readonly Choice<Schemas["Occupation"]>[] = [
  { value: "pns_tni_polri", label: "PNS/TNI/Polri" },
  { value: "private_employee", label: "Pegawai swasta" },
  { value: "entrepreneur", label: "Wirausaha" },
  { value: "student", label: "Pelajar/Mahasiswa" },
  { value: "other", label: "Lainnya" },
];

/** The respondent profile: API field (under `respondent`) → its choices. */
export const PROFILE = {
  sex: SEXES,
  age_band: AGE_BANDS,
  education: EDUCATIONS,
  occupation: OCCUPATIONS,
} as const;
export type ProfileField = keyof typeof PROFILE;
export const PROFILE_FIELDS = Object.keys(PROFILE) as ProfileField[];

/** Suggestions for "jenis layanan" until the unit's own list comes from the API. */
export const COMMON_SERVICE_TYPES: readonly string[] = [
  "Pemeriksaan kesehatan umum",
  "Pelayanan KIA/KB",
  "Pemeriksaan gigi",
  "Imunisasi",
  "Laboratorium",
  "Pengambilan obat",
  "Administrasi kependudukan (KTP-el, KK)",
  "Akta kelahiran/kematian",
  "Perizinan berusaha",
  "Persetujuan bangunan gedung (PBG)",
  "Surat keterangan",
  "Legalisasi dokumen",
  "Konsultasi",
  "Pengaduan",
];

/** Input limits (mirrored as `maxlength`/`max` on the form). */
export const LIMITS = {
  serviceType: 120,
  waitingMinutesMax: 1440,
  ticket: 50,
  comment: 1000,
} as const;
