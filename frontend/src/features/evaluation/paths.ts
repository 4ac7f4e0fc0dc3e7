// The feature's URLs: a participant's reaction at `/me/reactions/:sessionId`, the caller's
// follow-ups at `/me/follow-ups`, a session's and a programme's evaluation nested in the
// learning feature's URLs, and the administrators' follow-up list at `/evaluation/follow-ups`.
// Other features' pages are linked by URL only.
export const paths = {
  reaction: (sessionId: string) => `/me/reactions/${sessionId}`,
  myFollowUps: "/me/follow-ups",
  session: (id: string) => `/sessions/${id}/evaluation`,
  programme: (id: string) => `/programmes/${id}/evaluation`,
  followUps: "/evaluation/follow-ups",
  followUpsOf: (sessionId: string) => `/evaluation/follow-ups?status=all&session_id=${sessionId}`,
  /** The learning feature's pages. */
  myLearning: "/learning",
  learningSession: (id: string) => `/sessions/${id}`,
  learningProgramme: (id: string) => `/programmes/${id}`,
};
