/** Library preference: the first run's welcome was answered or put off. */
export const welcomePref = 'welcomeDone';
