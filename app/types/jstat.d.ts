// jstat ships no types; Ladder uses Student's t quantile and the normal distribution.
declare module "jstat" {
  const jStat: {
    studentt: {
      /** Quantile (inverse CDF) of Student's t with `dof` degrees of freedom. */
      inv(p: number, dof: number): number;
    };
    normal: {
      /** Quantile of the normal distribution. */
      inv(p: number, mean: number, sd: number): number;
      pdf(x: number, mean: number, sd: number): number;
      cdf(x: number, mean: number, sd: number): number;
    };
  };
  export default jStat;
}
