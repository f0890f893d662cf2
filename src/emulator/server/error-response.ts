/**
 * The plugin's structured errors: code → HTTP status and default message, and the body
 * `{"success":false,"error_code":"CODE","error":"<default message>","detail":"..."}`
 * (DazScript Server `ErrorResponse.cpp`). Messages are the plugin's, word for word, because
 * clients (dazpy, ours) match on them. ORIGIN_NOT_ALLOWED and HOST_NOT_ALLOWED are the
 * emulator's own (origin-guard.ts), worded in the same style.
 */
export type ErrorCode =
  | 'AUTH_MISSING_TOKEN'
  | 'AUTH_INVALID_TOKEN'
  | 'IP_NOT_WHITELISTED'
  | 'ORIGIN_NOT_ALLOWED'
  | 'HOST_NOT_ALLOWED'
  | 'SCRIPT_NOT_FOUND'
  | 'BODY_TOO_LARGE'
  | 'RATE_LIMIT_EXCEEDED'
  | 'CONCURRENT_LIMIT_EXCEEDED'
  | 'INVALID_JSON'
  | 'MISSING_FIELD'
  | 'INVALID_FIELD'
  | 'SCRIPT_TOO_LARGE'
  | 'SCRIPT_FILE_NOT_FOUND'
  | 'SCRIPT_FILE_NOT_FILE'
  | 'SCRIPT_FILE_NOT_ABSOLUTE'
  | 'SCRIPT_FILE_LOAD_FAILED'
  | 'SERVER_UNAVAILABLE'
  | 'STUDIO_BUSY'
  | 'INTERNAL_ERROR';

const TABLE: Record<ErrorCode, [status: number, message: string]> = {
  AUTH_MISSING_TOKEN: [
    401,
    "Authentication required: include 'X-API-Token' header or 'Authorization: Bearer <token>'",
  ],
  AUTH_INVALID_TOKEN: [401, 'Authentication failed: invalid or missing API token'],
  IP_NOT_WHITELISTED: [403, 'Access denied: IP address is not in the whitelist'],
  ORIGIN_NOT_ALLOWED: [403, 'Access denied: requests from web pages of other origins are refused'],
  HOST_NOT_ALLOWED: [403, 'Access denied: Host header does not name this server'],
  SCRIPT_NOT_FOUND: [404, 'Script not found in registry'],
  BODY_TOO_LARGE: [413, 'Request body exceeds maximum allowed size'],
  RATE_LIMIT_EXCEEDED: [
    429,
    'Rate limit exceeded: too many requests from this IP address, please wait before retrying',
  ],
  CONCURRENT_LIMIT_EXCEEDED: [429, 'Server busy: maximum concurrent requests reached, please retry'],
  INVALID_JSON: [400, 'Invalid JSON in request body'],
  MISSING_FIELD: [400, 'A required field is missing from the request'],
  INVALID_FIELD: [400, 'A field in the request has an invalid value'],
  SCRIPT_TOO_LARGE: [400, "Script exceeds maximum allowed length; use 'scriptFile' for large scripts"],
  SCRIPT_FILE_NOT_FOUND: [400, 'Script file not found; verify the path is correct and accessible'],
  SCRIPT_FILE_NOT_FILE: [400, 'Script path points to a directory, not a file'],
  SCRIPT_FILE_NOT_ABSOLUTE: [
    400,
    'Script path must be absolute (e.g. C:/Scripts/file.dsa or /home/user/file.dsa)',
  ],
  SCRIPT_FILE_LOAD_FAILED: [400, 'Failed to load script file'],
  SERVER_UNAVAILABLE: [503, 'Service temporarily unavailable'],
  STUDIO_BUSY: [503, "DAZ Studio's main thread is busy; please retry shortly"],
  INTERNAL_ERROR: [500, 'An internal server error occurred'],
};

/** A refusal on its way to the client: status, code and optional detail. */
export class ServerRefusal {
  constructor(
    readonly code: ErrorCode,
    readonly detail = '',
    readonly headers: Record<string, string> = {},
  ) {}

  get status(): number {
    return TABLE[this.code][0];
  }

  body(): string {
    return errorBody(this.code, this.detail);
  }
}

export function errorStatus(code: ErrorCode): number {
  return TABLE[code][0];
}

export function errorBody(code: ErrorCode, detail = ''): string {
  const body: Record<string, unknown> = { success: false, error_code: code, error: TABLE[code][1] };
  if (detail) body.detail = detail;
  return JSON.stringify(body);
}
