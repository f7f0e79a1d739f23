// jstat ships no types; Ladder uses the Student t quantile only.
declare module "jstat" {
  const jStat: {
    studentt: {
      /** Quantile (inverse CDF) of Student's t with `dof` degrees of freedom. */
      inv(p: number, dof: number): number;
    };
  };
  export default jStat;
}
