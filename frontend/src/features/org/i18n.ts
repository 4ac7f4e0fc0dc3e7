// Texts of the org feature.
export const org = {
  id: {},
  en: {},
};
