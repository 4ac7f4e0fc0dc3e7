// Texts of the accounts feature.
export const accounts = {
  id: {},
  en: {},
};
