// Texts of the sign-in page.
export const auth = {
  id: {
    title: "Masuk ke Pembina",
    intro: "Gunakan email atau NIP dan kata sandi Anda.",
    username: "Email atau NIP",
    password: "Kata sandi",
    submit: "Masuk",
    submitting: "Memproses…",
  },
  en: {
    title: "Sign in to Pembina",
    intro: "Use your e-mail or NIP and your password.",
    username: "E-mail or NIP",
    password: "Password",
    submit: "Sign in",
    submitting: "Signing in…",
  },
};
