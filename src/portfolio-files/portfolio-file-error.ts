// An input file that cannot be read as a portfolio at all (missing, not JSON, no id column…).
// Bad values inside a readable file are not errors: they are scored and flagged.
export class PortfolioFileError extends Error {
  override name = 'PortfolioFileError';
}
