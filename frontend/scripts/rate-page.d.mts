import type { Plugin } from "vite";

export const RATE_SW: string;
export const pages: { index: string; rate: string };
export function ratePage(): Plugin[];
