/**
 * ErrorTypes Finesse answers in `<ApiErrors>`, from Cisco's "User API Errors" table
 * (https://developer.cisco.com/docs/finesse/user-api-errors) plus the generic ones.
 */
export type ApiErrorType =
  | 'Bad Request'
  | 'Invalid Input'
  | 'Invalid State'
  | 'Invalid Destination'
  | 'Parameter Missing'
  | 'Authorization Failure'
  | 'Invalid Authorization User Specified'
  | 'Invalid Supervisor'
  | 'Not Found'
  | 'Service Unavailable'
  | 'Internal Server Error';

/** An error the REST API answers as `<ApiErrors><ApiError>…` with the given HTTP status. */
export class ApiError extends Error {
  readonly status: 400 | 401 | 404 | 500 | 503;
  readonly errorType: ApiErrorType;
  readonly errorData: string;

  constructor(status: ApiError['status'], errorType: ApiErrorType, message: string, errorData = '') {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.errorType = errorType;
    this.errorData = errorData;
  }
}

export const apiErrors = {
  badRequest: (message: string, data = '') => new ApiError(400, 'Bad Request', message, data),
  invalidInput: (message: string, data = '') => new ApiError(400, 'Invalid Input', message, data),
  invalidState: (message: string, data = '') => new ApiError(400, 'Invalid State', message, data),
  parameterMissing: (message: string, data = '') => new ApiError(400, 'Parameter Missing', message, data),
  invalidDestination: (message: string, data = '') => new ApiError(400, 'Invalid Destination', message, data),
  unauthorized: () => new ApiError(401, 'Authorization Failure', 'Unauthorized'),
  otherUser: (data = '') =>
    new ApiError(
      401,
      'Invalid Authorization User Specified',
      'The authenticated user tried to make a request for another user.',
      data,
    ),
  invalidSupervisor: (data = '') =>
    new ApiError(401, 'Invalid Supervisor', 'The agent does not belong to a team of this supervisor.', data),
  notFound: (message = 'The resource specified is invalid or does not exist.', data = '') =>
    new ApiError(404, 'Not Found', message, data),
  unavailable: () => new ApiError(503, 'Service Unavailable', 'Finesse is OUT_OF_SERVICE.'),
  internal: () => new ApiError(500, 'Internal Server Error', 'An internal error occurred.'),
};
