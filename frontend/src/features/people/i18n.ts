// Texts of the people feature.
export const people = {
  id: {},
  en: {},
};
