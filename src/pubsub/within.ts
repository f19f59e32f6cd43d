/** `work`, or a rejection once `milliseconds` have passed without it settling (`work` itself goes on). */
export function within<T>(milliseconds: number, work: Promise<T>, what = 'an answer'): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no ${what} within ${milliseconds} ms`)), milliseconds);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}
