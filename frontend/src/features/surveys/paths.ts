// The feature's URLs: the admin's surveys at `/surveys`, an employee's own tasks at `/my-surveys`.
export const paths = {
  list: "/surveys",
  create: "/surveys/new",
  detail: (id: string) => `/surveys/${id}`,
  edit: (id: string) => `/surveys/${id}/edit`,
  results: (id: string) => `/surveys/${id}/results`,
  tasks: "/my-surveys",
  task: (id: string) => `/my-surveys/${id}`,
};
