// Bulletin API 1.0.0: TypeScript declarations generated from its OpenAPI document by
// `bulletin openapi typescript`. Do not edit: generate again when the document changes.

export type AIProvider = "openai" | "anthropic" | "gemini";

export interface AIProviderInput {
  /** A new key (visible ASCII characters, no spaces), kept sealed; never returned. */
  apiKey?: string;
  /** The model (visible ASCII characters, no spaces); null or absent: the installation's. */
  model?: string | null;
  provider: AIProvider;
  /** Removes the workspace's key (the installation's is used, if any). */
  removeKey?: boolean;
}

/** A provider as reports use it in this workspace. */
export interface AIProviderSettings {
  /** Where the provider's API is (the installation's setting). */
  baseUrl: string;
  /** The workspace key's last four characters, to tell keys apart; absent for the installation's key or none. */
  keyLast4?: string;
  /** Whose key is used; `none`: the provider is not used. */
  keySource: "workspace" | "installation" | "none";
  /** The model that writes reports. */
  model: string;
  /** Whether the workspace chose the model. */
  modelSource: "workspace" | "installation";
  provider: AIProvider;
}

export interface AISettings {
  /** What the workspace may spend per calendar month (UTC), in millionths of a US dollar. */
  monthlyBudgetMicrodollars: number;
  order: AIProvider[];
  /** Every provider, in the order reports try them (those with a key take part). */
  providers: AIProviderSettings[];
  /** What one report run may spend. */
  runBudgetMicrodollars: number;
  /** What the workspace set itself; a field is absent where the installation's setting applies. */
  workspace: {
    monthlyBudgetMicrodollars?: number;
    order?: AIProvider[];
    runBudgetMicrodollars?: number;
  };
}

export interface AISettingsInput {
  /** Null: the installation's. */
  monthlyBudgetMicrodollars?: number | null;
  /** The providers in the order reports try them; null: the installation's order. */
  order?: AIProvider[] | null;
  /** Models and keys by provider; a provider not listed keeps its key and goes back to the installation's model. */
  providers?: AIProviderInput[];
  /** Null: the installation's. */
  runBudgetMicrodollars?: number | null;
}

export interface APIKey {
  createdAt: string;
  createdBy: string;
  id: string;
  lastUsedAt?: string;
  name: string;
  /** The key's first characters, to recognise it. */
  prefix: string;
  role: Role;
}

export interface APIKeyList {
  items: APIKey[];
  nextCursor: PageCursor;
}

export interface APIKeyRequest {
  name: DisplayName;
  role: Role;
}

export interface AccessToken {
  /** An ES256 JWT; send as `Authorization: Bearer <token>`. */
  accessToken: string;
  /** Seconds the access token lives. */
  expiresIn: number;
  tokenType: "Bearer";
}

export interface Appointment {
  address: string;
  createdAt: string;
  createdBy?: string;
  customer: Customer;
  /** The local date of its start in the workspace's time zone. */
  day: string;
  expectedEnd: string;
  id: string;
  location: AppointmentLocation;
  notes: string;
  scheduledStart: string;
  /** The services as they were when booked. */
  services: BookedService[];
  status: BoardStatus;
  /** When it entered its status. */
  statusChangedAt: string;
  technicianId?: string;
  /** The sum of the services' prices. */
  total: number;
  updatedAt: string;
  vehicle: Vehicle;
  /** Counts changes; send it in `If-Match` as `"<version>"`. */
  version: number;
}

export interface AppointmentInput {
  /** 0 to 300 characters after trimming white space at either end, without control characters but tab and line feed. Required when `location` is `site`. */
  address?: string;
  customer: Customer;
  /** After the start, within a day of it; the start plus the services' durations by default. */
  expectedEnd?: string;
  location: AppointmentLocation;
  /** 0 to 2000 characters after trimming white space at either end, without control characters but tab and line feed. */
  notes?: string;
  /** Between the years 2000 and 2999. */
  scheduledStart: string;
  /** Codes of active services of the catalog (which the catalog decides: another is refused with 422). */
  serviceCodes: string[];
  /** On booking only: the column it starts in, `scheduled` by default; ignored on replace (moves change it). */
  status?: BoardStatus;
  /** A member of the workspace (another is refused with 422). */
  technicianId?: string;
  vehicle: Vehicle;
}

/** At the shop, or on site at `address`. */
export type AppointmentLocation = "shop" | "site";

/** Text (at most 500 characters), a finite number or a yes/no. */
export type AttributeValue = string | number | boolean;

export interface AuditEntry {
  action: string;
  actor: {
    id?: string;
    type: "user" | "api_key" | "anonymous" | "system";
  };
  createdAt: string;
  id: string;
  ip?: string;
  requestId?: string;
  /** What changed; never secrets. */
  summary: { [key: string]: string };
  target: {
    id?: string;
    type: string;
  };
  userAgent?: string;
}

export interface AuditPage {
  items: AuditEntry[];
  nextCursor: PageCursor;
}

export interface Board {
  columns: BoardColumn[];
  date: string;
  timeZone: string;
  /** The realtime topic its changes are announced on. */
  topic: string;
}

export interface BoardColumn {
  /** In position order. */
  cards: Appointment[];
  count: number;
  name: string;
  status: BoardStatus;
  wipLimit: WipLimit;
}

export interface BoardColumnInput {
  /** 1 to 40 characters after trimming white space at either end, without control characters but tab and line feed. */
  name: string;
  status: BoardStatus;
  /** Absent: no limit. */
  wipLimit?: number;
}

export interface BoardColumnSettings {
  name: string;
  onBoard: boolean;
  status: BoardStatus;
  wipLimit: WipLimit;
}

export interface BoardSettings {
  columns: BoardColumnSettings[];
  /** An IANA time zone: the days of the board are its days. */
  timeZone: string;
}

export interface BoardSettingsInput {
  /** Columns to rename or limit; statuses not listed keep their default name and no limit. */
  columns: BoardColumnInput[];
  timeZone: string;
}

export interface BoardStats {
  /** The mean length of the day's finished stays in each status, in minutes. */
  averageMinutesInStatus: { [key: string]: number };
  bookedRevenue: number;
  /** Appointments per status, every status present. */
  byStatus: { [key: string]: number };
  cancelled: number;
  completed: number;
  completedRevenue: number;
  date: string;
  /** Appointments of the day that are not cancelled. */
  jobsToday: number;
  /** Checked in and not yet completed, at the shop. */
  onPrem: number;
  /** Checked in and not yet completed, on site. */
  onSite: number;
}

/** A status column; `cancelled` is off the board. */
export type BoardStatus = "scheduled" | "checked_in" | "in_progress" | "waiting_parts" | "ready" | "completed" | "cancelled";

export interface BookedService {
  code: string;
  durationMinutes: number;
  name: string;
  price: number;
}

export interface CreatedAPIKey {
  apiKey: APIKey;
  /** The key itself; shown only here. */
  secret: string;
}

export interface CreatedInvitation {
  /** The link to send the invitee. */
  acceptUrl: string;
  invitation: Invitation;
  /** The secret of the accept link; shown only here. */
  token: string;
}

export interface Customer {
  /** An e-mail address (its domain with a dot), or empty. */
  email?: string;
  /** 1 to 120 characters after trimming white space at either end, without control characters but tab and line feed. */
  name: string;
  /** 0 to 40 characters after trimming white space at either end, without control characters but tab and line feed. */
  phone?: string;
}

export interface DisplayBoard {
  board: Board;
  stats: BoardStats;
}

export interface DisplayLink {
  createdAt: string;
  createdBy?: string;
  id: string;
  name: string;
}

export interface DisplayLinkCreated {
  createdAt: string;
  createdBy?: string;
  id: string;
  name: string;
  /** Shown once; kept hashed. */
  token: string;
  /** The page a shop screen opens: `/display#TOKEN`. */
  url: string;
}

export interface DisplayLinkInput {
  /** 1 to 80 characters after trimming white space at either end, without control characters but tab and line feed. */
  name: string;
}

export interface DisplayLinkList {
  items: DisplayLink[];
}

/** A name people give something: 1 to 100 characters after trimming white space at either end (characters are Unicode code points, white space as Unicode's White_Space property), without control, format (zero-width, bidirectional) or line- and paragraph-separator characters. Stored trimmed. */
export type DisplayName = string;

/** One invalid input. */
export interface FieldError {
  message: string;
  /** RFC 6901 JSON pointer to the input (for a header or query parameter: `#/header/Name` or `#/query/name`). */
  pointer: string;
}

export interface Flag {
  createdAt: string;
  definition: FlagDefinition;
  /** Marked stale, or past staleAfter. */
  stale: boolean;
  staleAfter?: string;
  updatedAt: string;
  updatedBy?: string;
  version: number;
}

/** Unleash's `/api/client/features` body. */
export interface FlagCollection {
  features: FlagDefinition[];
  segments?: FlagSegment[] | null;
  version?: number | null;
}

/** A condition on one context field. */
export interface FlagConstraint {
  caseInsensitive?: boolean | null;
  contextName: string;
  inverted?: boolean | null;
  /** IN, NOT_IN, STR_STARTS_WITH, STR_ENDS_WITH, STR_CONTAINS, NUM_EQ, NUM_GT, NUM_GTE, NUM_LT, NUM_LTE, DATE_AFTER, DATE_BEFORE, SEMVER_EQ, SEMVER_GT, SEMVER_GTE, SEMVER_LT, SEMVER_LTE, REGEX or IN_CIDR. */
  operator: string;
  value?: string | null;
  values?: string[] | null;
}

/** Unleash's context. Values of any length are compared as they are (within the body's size limit); a null field counts as absent. */
export interface FlagContext {
  appName?: string | null;
  /** The time DATE_AFTER and DATE_BEFORE compare with, RFC 3339 with or without fractional seconds (`2025-05-15T13:00:00.000Z`; the pattern spells it out, calendar included, but for a leap second, which the format allows at 23:59:60 UTC); now when omitted. */
  currentTime?: string | null;
  environment?: string | null;
  properties?: { [key: string]: string } | null;
  remoteAddress?: string | null;
  sessionId?: string | null;
  userId?: string | null;
}

/** A flag in Unleash's client format. A null optional field counts as absent, as Unleash writes them. */
export interface FlagDefinition {
  dependencies?: FlagDependency[] | null;
  description?: string | null;
  enabled: boolean;
  impressionData?: boolean | null;
  /** 1 to 100 characters without white space, control characters or `/`; not `.`, `..`, nor `import`, `export` or `evaluate` (the flag routes' own path segments). */
  name: string;
  project?: string | null;
  stale?: boolean | null;
  strategies?: FlagStrategy[] | null;
  /** release, experiment, operational, kill-switch or permission. */
  type?: string | null;
  variants?: FlagVariant[] | null;
}

export interface FlagDependency {
  /** false: the parent must be off. Defaults to true. */
  enabled?: boolean | null;
  feature: string;
  variants?: string[] | null;
}

export interface FlagEvaluation {
  results: FlagResult[];
}

export interface FlagEvaluationRequest {
  context: FlagContext;
  /** Only these flags (at most 200; a name no flag has is off); all when omitted. */
  flags?: string[] | null;
}

export interface FlagImportResult {
  created: string[];
  segments: number;
  updated: string[];
  /** Parts kept as written that never match, as in Unleash: an unknown strategy or operator, a constraint value that does not parse (number, date, semantic version, IP network, or a regular expression RE2 cannot compile, such as one with lookaround), a missing segment. Each names its JSON pointer into the body. */
  warnings: FieldError[];
}

export interface FlagInput {
  definition: FlagDefinition;
  /** When the flag should be cleaned up; past it, the flag is reported stale. RFC 3339 (the pattern spells it out, calendar included, but for a leap second, which the format allows at 23:59:60 UTC). */
  staleAfter?: string | null;
  /** The version the change is based on; a 409 if the flag changed since. */
  version?: number | null;
}

export interface FlagList {
  items: Flag[];
  nextCursor: PageCursor;
}

export interface FlagResult {
  enabled: boolean;
  name: string;
  variant: {
    enabled: boolean;
    name: string;
    payload?: FlagVariantPayload;
  };
}

/** Constraints strategies share by ID. */
export interface FlagSegment {
  constraints: FlagConstraint[];
  id: number;
  name?: string | null;
}

export interface FlagStrategy {
  constraints?: FlagConstraint[] | null;
  /** default, userWithId, flexibleRollout, gradualRolloutUserId, gradualRolloutSessionId, gradualRolloutRandom or remoteAddress. */
  name: string;
  /** Such as rollout, stickiness and groupId for flexibleRollout; userIds; IPs. */
  parameters?: { [key: string]: string } | null;
  segments?: number[] | null;
  variants?: FlagVariant[] | null;
}

export interface FlagVariant {
  /** 1 to 100 characters, other than `disabled` (the name of no variant); distinct among the list's variants. */
  name: string;
  overrides?: FlagVariantOverride[] | null;
  payload?: FlagVariantPayload;
  /** The context field hashed to choose; `default` tries the user, session, then address. */
  stickiness?: string | null;
  /** The variant's share, per mille (0–1000). The weights of a list must add up to 1000: `fix` ones may not exceed it, and without `variable` ones they must reach it exactly. */
  weight: number;
  /** `variable` shares what `fix` variants leave of 1000; omit to keep weights as given (client format). */
  weightType?: string | null;
}

export interface FlagVariantOverride {
  contextName: string;
  values: string[];
}

/** A variant's payload; null or absent: none. */
export interface FlagVariantPayload {
  /** string, json, csv or number. */
  type: string;
  value: string;
}

export interface Form {
  createdAt: string;
  definition: FormDefinition;
  feed?: FormFeed;
  id: string;
  name: string;
  /** The last published version; absent before the first publication. */
  publishedVersion?: number;
  /** The draft's revision, counting from 1. */
  revision: number;
  /** The realtime topic of its changes and submissions: form:ID. */
  topic: string;
  updatedAt: string;
}

/** What a version changed since the one before, by field key. */
export interface FormChanges {
  added: string[];
  changed: string[];
  removed: string[];
}

/** A form definition: `{"pages": [{"title": …, "elements": [element, …]}]}`. An element has `type` (text, textarea, email, url, phone, number, integer, currency, percentage, rating, slider, date, time, datetime, radio, select, checkboxes, multiselect, toggle, matrix, computed, hidden, file, consent, heading, paragraph, panel, repeat), `key` (unique; a letter, then letters, digits and _), `label`, and optionally `help`, `placeholder`, `default`, `required`, `visibleIf`, `requiredIf`, `enabledIf` (JSON Logic over the answers by key, e.g. `{"==": [{"var": "kind"}, "van"]}`), `expression` (a computed value's rule), `checks` ([{"rule", "message"}]), `options` (text or {"value", "label"}), `rows` (a matrix's), `min`, `max`, `step`, `minLength`, `maxLength`, `pattern`; a `panel` or `repeat` has `elements` of its own (a `repeat`'s `min`/`max` count its rows). Rules that refer to unknown fields or go round in a cycle, duplicate keys, and definitions past the limits (50 pages, 1,000 elements, 8 levels, rules 32 deep and 8 KB, 1 MB in all) are refused with 422 naming each by its pointer. */
export interface FormDefinition {
  pages: Record<string, unknown>[];
}

/** Where a form's answers go in a project. With `peerField`, that field's answer names the peer: the peer of that name (ignoring case) is updated, the subject when it is the subject's name, or else a new peer is added; without it, the answers go to the subject. Each of `attributes` makes a field's answer the participant's attribute (several choices joined with commas; an unanswered field leaves the attribute as it was). Checked against the form's draft: fields it has, outside repeatable groups, of a type that fits (422 naming each). */
export interface FormFeed {
  /** Which field's answer becomes which attribute. At least one when there is no `peerField`. */
  attributes?: FormFeedAttribute[];
  /** The key of the field whose answer names the peer (text, e-mail, URL, phone, a single choice, hidden or computed). Leave it out to feed the project's subject. */
  peerField?: string;
  /** The project fed: one of the workspace's. */
  projectId: string;
  /** Whether each submission that changes the project starts a run of its report (skipped, and said so, when the workspace is out of runs). */
  runsReport?: boolean;
  /** The key of the field whose answer is the participant's website. */
  websiteField?: string;
}

export interface FormFeedAttribute {
  /** The attribute's name in the project: 1 to 64 characters after trimming, without control characters but tab and line feed; each once (ignoring case). */
  attribute: string;
  /** The field's key. */
  field: string;
}

/** What a submission did in the project its form feeds. */
export interface FormFeedOutcome {
  /** What happened, as a sentence. */
  detail: string;
  /** The participant the answers went to. */
  participant?: string;
  projectId: string;
  /** The report run the submission started (or found in progress). */
  runId?: string;
  /** `applied`: the project has the answers; `skipped`: it does not (the detail says why; the submission is kept). */
  status: "applied" | "skipped";
}

export interface FormInput {
  definition: FormDefinition;
  /** 1 to 200 characters after trimming white space at either end, without control characters but tab and line feed. */
  name: string;
  /** On update: the revision read; a draft changed since is refused with 409 `form-revision-conflict`. Leave it out to overwrite. */
  revision?: number;
}

export interface FormLink {
  createdAt: string;
  expiresAt?: string;
  id: string;
  maxResponses?: number;
  name: string;
  /** Answers taken so far. */
  responses: number;
  revokedAt?: string;
  state: "open" | "revoked" | "expired" | "full";
}

export interface FormLinkCreated {
  link: FormLink;
  /** The link's secret, shown only now. */
  token: string;
  /** The page respondents open: `/respond#TOKEN` (the token stays in the fragment, which browsers never send). */
  url: string;
}

export interface FormLinkInput {
  /** When the link stops taking answers; none by default. */
  expiresAt?: string;
  /** The most answers the link takes; no limit by default. */
  maxResponses?: number;
  /** 1 to 100 characters after trimming white space at either end, without control characters but tab and line feed. */
  name: string;
}

export interface FormLinkList {
  items: FormLink[];
  nextCursor: PageCursor;
}

export interface FormList {
  items: Form[];
  nextCursor: PageCursor;
}

export interface FormProgress {
  answers: Record<string, unknown>;
  /** Public saves only: send it as `X-Resume-Token` to continue (shown on every save). */
  resumeToken?: string;
  savedAt: string;
}

export interface FormProgressInput {
  /** The answers so far, by field key; checked for shape, not for completeness. */
  answers: Record<string, unknown>;
}

export interface FormPublication {
  changes: FormChanges;
  form: Form;
  /** False when the draft was the published version already (nothing new was frozen). */
  isNew: boolean;
  version: FormVersion;
}

export interface FormSubmission {
  /** The answers as stored: hidden fields' answers dropped, computed values set. */
  answers: Record<string, unknown>;
  createdAt: string;
  feed?: FormFeedOutcome;
  formId: string;
  id: string;
  respondentId?: string;
  /** The version answered. */
  version: number;
}

export interface FormSubmissionInput {
  /** The answers by field key. A repeatable group's answer is a list of row objects; a matrix's an object of row → column; multiple choices a list. */
  answers: Record<string, unknown>;
}

export interface FormSubmissionList {
  items: FormSubmission[];
  nextCursor: PageCursor;
}

export interface FormVersion {
  definition: FormDefinition;
  publishedAt: string;
  publishedBy?: string;
  version: number;
}

export interface FormVersionList {
  items: FormVersion[];
  nextCursor: PageCursor;
}

export interface Health {
  status: "ok";
}

export interface ImportProblem {
  detail: string;
  /** The line of the file; the header is line 1. */
  line: number;
  /** The field as a JSON pointer into a service (`/price`); empty for the whole line. */
  pointer: string;
}

export interface Invitation {
  createdAt: string;
  email: string;
  expiresAt: string;
  id: string;
  invitedBy: string;
  role: Role;
}

export interface InvitationAcceptance {
  password: string;
}

export interface InvitationList {
  items: Invitation[];
  nextCursor: PageCursor;
}

export interface InvitationRequest {
  /** The address to invite; stored lower-cased. Addresses with non-ASCII characters are accepted too; the domain needs a dot. */
  email: string;
  role: Role;
}

export interface Job {
  /** The job's arguments, as the handler reads them. */
  arguments: unknown;
  /** The current or last attempt; 0 before the first. */
  attempt: number;
  attemptedAt?: string;
  /** The worker running it, or that ran it last. */
  attemptedBy?: string;
  cancelRequestedAt?: string;
  /** The `x-correlation-id` the enqueuing request sent, when it sent one: the job's log lines carry it too. */
  correlationId?: string;
  createdAt: string;
  /** Such as `user:…`, `api_key:…` or `cron:…`. */
  enqueuedBy?: string;
  finalizedAt?: string;
  id: string;
  kind: string;
  maxAttempts: number;
  /** 0 runs first. */
  priority: number;
  progress?: number;
  progressMessage?: string;
  queue: string;
  requestId?: string;
  /** What the job produced, if anything. */
  result?: unknown;
  /** When the job may run next. */
  scheduledAt: string;
  state: JobState;
  uniqueKey?: string;
}

export interface JobAttemptError {
  attempt: number;
  detail: string;
  failedAt: string;
  title: string;
  /** `job-failed`, `job-timeout`, `job-cancelled`, `job-lease-expired`, `job-discarded` or `job-unknown-kind`. */
  type: string;
}

export interface JobDetail {
  errors: JobAttemptError[];
  job: Job;
}

export interface JobPage {
  items: Job[];
  nextCursor: PageCursor;
}

/** `available` waits for a worker, `scheduled` for its run-at time, `retryable` for its next attempt after a back-off; `running` is claimed by a worker; `completed`, `cancelled` and `discarded` (attempts used up, or failed permanently) are final. */
export type JobState = "available" | "scheduled" | "running" | "retryable" | "completed" | "cancelled" | "discarded";

export interface LoginRequest {
  email: string;
  password: string;
  /** The workspace to open the session in. */
  workspaceId?: string;
}

/** `"all": true` marks every notification; otherwise those in `ids` (none when `ids` is absent). A null field counts as absent. */
export interface MarkNotificationsRead {
  all?: boolean | null;
  /** Notification IDs, as `id` gives them. */
  ids?: string[] | null;
}

export interface Me {
  /** Whether the caller is the installation's admin, who sees and manages the installation's own jobs (the first user; never an API key). */
  installationAdmin: boolean;
  principal: {
    id: string;
    type: "user" | "api_key";
  };
  role: Role;
  /** The user, or for an API key the user who created it. */
  user: User;
  workspace: Workspace;
  /** Every workspace the user belongs to (only this one for an API key). */
  workspaces: WorkspaceMembership[];
}

export interface Member {
  joinedAt: string;
  role: Role;
  user: User;
}

export interface MemberList {
  items: Member[];
  nextCursor: PageCursor;
}

export interface MoveRequest {
  /** The card it goes right after: a card of the target column on the same day (another is refused with 422). */
  afterId?: string;
  /** The card it goes right before: a card of the target column on the same day (another is refused with 422). */
  beforeId?: string;
  status: BoardStatus;
}

export interface Notification {
  body: string;
  createdAt: string;
  id: string;
  link?: string;
  readAt?: string;
  title: string;
  /** What it is about, such as member.role-changed. */
  type: string;
}

export interface NotificationList {
  items: Notification[];
  nextCursor: PageCursor;
  unreadCount: number;
}

export interface NotificationsRead {
  read: string[];
}

/** Where the next page starts: pass it as `cursor` to get that page. Always present; null on the last page (and on lists that fit one page). */
export type PageCursor = string | null;

/** The subject, or one of its peers. */
export interface Participant {
  /** Up to 50 free attributes such as price, seats, rating or region; each name has 1 to 64 characters after trimming white space. Null or absent: none. */
  attributes?: { [key: string]: AttributeValue } | null;
  /** 1 to 200 characters (Unicode code points) after trimming white space at either end, without control characters but tab and line feed; distinct among the subject and peers, ignoring case (which no schema can say: a repeated name is refused with 422). */
  name: string;
  /** An http:// or https:// address (without a user name) whose page the report reads, as sent: not trimmed. Null or absent: none. */
  website?: string | null;
}

export interface PasswordChange {
  currentPassword: string;
  /** At least 10 characters (Unicode code points), at most 72 bytes of UTF-8 (bcrypt reads no further), no control characters. */
  newPassword: string;
}

/** Seconds. */
export interface Percentiles {
  p50: number;
  p95: number;
  p99: number;
}

export interface Presence {
  topic: string;
  users: PresentUser[];
}

export interface PresentUser {
  since: string;
  userId: string;
}

/** An RFC 9457 problem document. `type` is stable and documented in docs/errors.md; `title` is the same for every problem of a type; `detail` explains this occurrence. */
export interface Problem {
  /** For `wip-limit-reached`: the full column. */
  column?: BoardStatus;
  /** For `appointment-version-conflict`: the appointment as it is now. */
  current?: Appointment;
  detail?: string;
  errors?: FieldError[];
  /** The path of the request that failed. */
  instance?: string;
  requestId: string;
  status: number;
  /** For `template-invalid`: every problem found in the template, in document order. */
  templateProblems?: TemplateProblem[];
  title: string;
  type: string;
  /** For `wip-limit-reached`: the column's limit. */
  wipLimit?: number;
}

/** A project. `latestRun` is its newest report run; on creation, the run just started when immediate reports are on. */
export interface Project {
  createdAt: string;
  /** The user or API key that created it. */
  createdBy?: string;
  description: string;
  id: string;
  latestRun?: ReportRun;
  name: string;
  /** When the schedule next starts a run; null without a schedule. */
  nextReportAt?: string | null;
  peers: Participant[];
  /** When the report regenerates on its own; absent when only people start it. */
  schedule?: ReportSchedule;
  subject: Participant;
  tags: string[];
  /** The realtime topic of its changes: project:ID. */
  topic?: string;
  updatedAt: string;
  version: number;
}

export interface ProjectInput {
  /** At most 5,000 characters after trimming, without control characters but tab and line feed. Null or absent: empty. */
  description?: string | null;
  /** 1 to 200 characters (Unicode code points) after trimming white space at either end, without control characters but tab and line feed. */
  name: string;
  /** 2 to 20 peers. */
  peers: Participant[];
  /** When the report regenerates on its own. Absent: only when asked (a PUT without it removes the schedule). */
  schedule?: ReportSchedule;
  subject: Participant;
  /** Up to 20 as sent, each 1 to 40 characters after trimming; stored in lower case, once each. Null or absent: none. */
  tags?: string[] | null;
  /** On replace: the version read; the change is refused if the project changed since. Null or absent: no check. */
  version?: number | null;
}

export interface ProjectList {
  items: Project[];
  nextCursor: PageCursor;
}

export interface PublicForm {
  definition: FormDefinition;
  name: string;
  version: number;
}

export interface PublicFormSubmission {
  createdAt: string;
  id: string;
  version: number;
}

export interface Queue {
  completedLastHour: number;
  completedLastMinute: number;
  /** Jobs by state; states without jobs are 0. */
  counts: {
    available: number;
    cancelled: number;
    completed: number;
    discarded: number;
    retryable: number;
    running: number;
    scheduled: number;
  };
  /** Attempts that failed in the last hour. */
  failedLastHour: number;
  name: string;
  /** Whether this workspace paused its jobs in the queue. */
  paused: boolean;
  pausedAt?: string;
  /** From started to completed, over jobs completed in the last hour. */
  runSeconds?: Percentiles;
  /** From due to started, over jobs completed in the last hour. */
  waitSeconds?: Percentiles;
}

export interface QueueList {
  items: Queue[];
  nextCursor: PageCursor;
}

export interface Readiness {
  database: "ok";
  migrations: "current";
  status: "ready";
}

export interface RealtimeTicket {
  expiresAt: string;
  ticket: string;
}

export interface RefreshRequest {
  refreshToken: string;
}

export interface Report {
  /** What the report states: numbers ranked and normalised, features, scores with reasons, changes. */
  analysis: Record<string, unknown>;
  createdAt: string;
  /** The report: summary, a section per participant, the feature matrix, charts, changes and notes. */
  document: Record<string, unknown>;
  id: string;
  projectId: string;
  runId: string;
  title: string;
  version: number;
}

/** A batch export of several projects' reports as one ZIP. */
export interface ReportExport {
  createdAt: string;
  /** Where the ZIP downloads, once ready. */
  downloadUrl?: string;
  /** When the export and its ZIP are deleted. */
  expiresAt: string;
  fileName?: string;
  finishedAt?: string;
  formats: ("pdf" | "docx" | "tex")[];
  id: string;
  /** The job that builds it. */
  jobId?: string;
  /** What is happening; when ready, what the ZIP holds; when failed, why. */
  message?: string;
  progress: number;
  projectIds: string[];
  /** The ZIP's size in bytes, once ready. */
  size?: number;
  state: "queued" | "building" | "ready" | "failed";
  /** The realtime topic of its progress: export:ID. */
  topic: string;
}

export interface ReportExportInput {
  /** The formats of each report. */
  formats: ("pdf" | "docx" | "tex")[];
  /** The projects whose latest report goes in, in this order; a project named twice goes in once. */
  projectIds: string[];
}

/** One run of a project's report through its stages. */
export interface ReportRun {
  createdAt: string;
  finishedAt?: string;
  id: string;
  /** The job working it. */
  jobId?: string;
  /** What the run is doing now, or how it ended. */
  message?: string;
  problem?: RunProblem;
  /** The whole run's progress. */
  progress: number;
  projectId: string;
  /** The report it produced, once ready. */
  reportId?: string;
  requestedBy?: string;
  startedAt?: string;
  state: ReportRunState;
  /** The realtime topic of its progress: run:ID. */
  topic: string;
  /** What started the run: the project's creation, a person or API key, or the project's schedule. */
  trigger: "project" | "manual" | "schedule";
  updatedAt: string;
}

export interface ReportRunList {
  items: ReportRun[];
  nextCursor: PageCursor;
}

/** `queued`, then the stages `collecting`, `analysing`, `writing` and `rendering`, then `ready`, `failed` or `cancelled`. */
export type ReportRunState = "queued" | "collecting" | "analysing" | "writing" | "rendering" | "ready" | "failed" | "cancelled";

/** When the report regenerates on its own: a five-field cron expression (minute hour day-of-month month day-of-week, or a macro such as @daily) read in an IANA time zone. At most once an hour. */
export interface ReportSchedule {
  /** Five fields, or @yearly, @monthly, @weekly, @daily or @hourly. A schedule that would run twice within an hour is refused. */
  cron: string;
  /** An IANA time zone, such as Europe/Paris or UTC. */
  timeZone: string;
}

/** A Word template that DOCX downloads of the workspace's reports can fill. */
export interface ReportTemplate {
  createdAt: string;
  createdBy?: string;
  id: string;
  name: string;
  /** The hex SHA-256 of the .docx. */
  sha256: string;
  /** The .docx's size in bytes. */
  size: number;
  /** The tags found in it, as written, in document order. */
  tags: string[];
}

export interface ReportTemplateList {
  items: ReportTemplate[];
}

export interface ReportVersion {
  createdAt: string;
  id: string;
  projectId: string;
  runId: string;
  title: string;
  version: number;
}

export interface ReportVersionList {
  items: ReportVersion[];
  nextCursor: PageCursor;
}

/** A member's role: viewers read; editors change content; admins manage members, keys and settings; owners manage the workspace. */
export type Role = "owner" | "admin" | "editor" | "viewer";

export interface RoleChange {
  role: Role;
}

/** Why a run failed. */
export interface RunProblem {
  detail: string;
  title: string;
  type: string;
}

export interface Service {
  /** Only active services can be booked; `true` by default. */
  active: boolean;
  /** Empty by default. */
  category: string;
  /** Upper-case letters and digits, starting with a letter; unique in the workspace. */
  code: string;
  createdAt: string;
  durationMinutes: number;
  id: string;
  name: string;
  /** In the workspace's currency, at most two decimals. */
  price: number;
  updatedAt: string;
  version: number;
}

export interface ServiceImportResult {
  created: number;
  problems: ImportProblem[];
  updated: number;
}

export interface ServiceIndex {
  /** Addresses of this service's documents, by name. */
  links: { [key: string]: string };
  name: string;
  version: string;
}

export interface ServiceInput {
  /** Only active services can be booked; `true` by default. */
  active?: boolean;
  /** 0 to 60 characters after trimming white space at either end, without control characters but tab and line feed. Empty by default. */
  category?: string;
  /** Upper-case letters and digits, starting with a letter; unique in the workspace. */
  code: string;
  durationMinutes: number;
  /** 1 to 120 characters after trimming white space at either end, without control characters but tab and line feed. */
  name: string;
  /** In the workspace's currency, with at most two decimals (more is refused with 422: a JSON number cannot say it exactly). */
  price: number;
  /** On replace: the version read; a 409 `service-version-conflict` when it changed. */
  version?: number;
}

export interface ServiceList {
  items: Service[];
}

export interface SetupRequest {
  /** The owner's e-mail address; stored lower-cased. */
  email: string;
  /** At least 10 characters (Unicode code points), at most 72 bytes of UTF-8 (bcrypt reads no further), no control characters. */
  password: string;
  /** The one-time setup token from the server's log. */
  token: string;
  /** The first workspace's name. */
  workspaceName: DisplayName;
}

export interface SetupResult {
  role: Role;
  user: User;
  workspace: Workspace;
}

export interface SystemInfo {
  database: "sqlite" | "postgresql";
  /** A random ID made when the database was first set up; the same on every node. */
  installationId: string;
  name: string;
  /** The highest migration version applied. */
  schemaVersion: number;
  /** When the node that answered started serving. */
  startedAt: string;
  version: string;
}

/** One problem in a Word template: what is wrong, the tag as written, and where it is. */
export interface TemplateProblem {
  code: "not-a-document" | "malformed-xml" | "malformed-tag" | "unknown-tag" | "unclosed-loop" | "mismatched-loop" | "loop-spans-containers" | "chart-not-alone";
  message: string;
  /** The paragraph's number in the part, from 1. */
  paragraph?: number;
  /** The part of the .docx, such as `word/document.xml` or `word/footer1.xml`. */
  part?: string;
  /** The tag as written; empty when the problem is the file itself. */
  tag: string;
}

export interface TokenPair {
  /** An ES256 JWT; send as `Authorization: Bearer <token>`. */
  accessToken: string;
  /** Seconds the access token lives. */
  expiresIn: number;
  /** Opaque; used once, at POST /v1/auth/refresh. */
  refreshToken: string;
  tokenType: "Bearer";
}

/** What a set of calls used and cost. */
export interface UsageFigures {
  /** Calls answered from the cache, at no cost. */
  cachedCalls: number;
  /** Calls made, failed ones and cached answers included. */
  calls: number;
  /** The same cost in US dollars, for display. */
  cost: number;
  /** What the calls cost, in millionths of a US dollar (exact). */
  costMicrodollars: number;
  /** Calls that failed. */
  failedCalls: number;
  /** Tokens the models read, as the providers counted them. */
  inputTokens: number;
  /** Tokens the models wrote. */
  outputTokens: number;
}

/** One group's usage. */
export type UsageGroup = UsageFigures & ({
  /** The day (`2026-12-07`), provider, model or project ID; null for calls made for no project. */
  key: string | null;
});

export interface UsageReport {
  /** This month's budget for the workspace and what is spent of it. */
  budget: {
    /** What the workspace may spend per calendar month (UTC). */
    monthlyMicrodollars: number;
    /** What one report run may spend. */
    runMicrodollars: number;
    /** What it spent this month so far. */
    spentMicrodollars: number;
  };
  from: string;
  groupBy: "day" | "provider" | "model" | "project";
  items: UsageGroup[];
  to: string;
  total: UsageFigures;
}

export interface User {
  createdAt: string;
  email: string;
  id: string;
}

export interface Vehicle {
  /** 1 to 60 characters after trimming white space at either end, without control characters but tab and line feed. */
  make: string;
  /** 1 to 60 characters after trimming white space at either end, without control characters but tab and line feed. */
  model: string;
  /** 1 to 20 characters after trimming white space at either end, without control characters but tab and line feed. Stored in upper case. */
  plate: string;
  year: number;
}

/** The most cards the column may hold on one day; `null`: no limit. */
export type WipLimit = number | null;

export interface Workspace {
  createdAt: string;
  id: string;
  name: string;
}

export interface WorkspaceChange {
  name: DisplayName;
}

export interface WorkspaceMembership {
  role: Role;
  workspace: Workspace;
}

/** Every operation, by its operationId. */
export interface Operations {
  acceptInvitation: {
    /** Accept an invitation: join the workspace, creating the account if needed. */
    method: "POST";
    path: "/v1/invitations/{invitation}/accept";
    parameters: {
      path: { invitation: string; };
      query: {};
      header: { "Idempotency-Key"?: string; };
    };
    requestBody: InvitationAcceptance;
    responses: {
      201: SetupResult;
      400: Problem;
      404: Problem;
      409: Problem;
      413: Problem;
      415: Problem;
      422: Problem;
      429: Problem;
      "default": Problem;
    };
  };
  cancelJob: {
    /** Cancel a job. */
    method: "POST";
    path: "/v1/jobs/{jobId}/cancel";
    parameters: {
      path: { jobId: string; };
      query: {};
      header: {};
    };
    requestBody: never;
    responses: {
      200: Job;
      401: Problem;
      403: Problem;
      404: Problem;
      409: Problem;
      429: Problem;
      "default": Problem;
    };
  };
  cancelReportRun: {
    /** Cancel a report run. */
    method: "POST";
    path: "/v1/runs/{runId}/cancel";
    parameters: {
      path: { runId: string; };
      query: {};
      header: {};
    };
    requestBody: never;
    responses: {
      200: ReportRun;
      401: Problem;
      403: Problem;
      404: Problem;
      409: Problem;
      429: Problem;
      "default": Problem;
    };
  };
  changeMemberRole: {
    /** Give a member another role. */
    method: "PATCH";
    path: "/v1/members/{userId}";
    parameters: {
      path: { userId: string; };
      query: {};
      header: {};
    };
    requestBody: RoleChange;
    responses: {
      200: Member;
      400: Problem;
      401: Problem;
      403: Problem;
      404: Problem;
      409: Problem;
      413: Problem;
      415: Problem;
      422: Problem;
      429: Problem;
      "default": Problem;
    };
  };
  changePassword: {
    /** Change one's own password; other sessions end. */
    method: "POST";
    path: "/v1/me/password";
    parameters: {
      path: {};
      query: {};
      header: {};
    };
    requestBody: PasswordChange;
    responses: {
      204: void;
      400: Problem;
      401: Problem;
      403: Problem;
      413: Problem;
      415: Problem;
      422: Problem;
      429: Problem;
      "default": Problem;
    };
  };
  completeSetup: {
    /** Create the first workspace and its owner with the one-time setup token. */
    method: "POST";
    path: "/v1/setup";
    parameters: {
      path: {};
      query: {};
      header: { "Idempotency-Key"?: string; };
    };
    requestBody: SetupRequest;
    responses: {
      201: SetupResult;
      400: Problem;
      403: Problem;
      409: Problem;
      413: Problem;
      415: Problem;
      422: Problem;
      "default": Problem;
    };
  };
  createAPIKey: {
    /** Create an API key; its secret is shown only in this response. */
    method: "POST";
    path: "/v1/api-keys";
    parameters: {
      path: {};
      query: {};
      header: { "Idempotency-Key"?: string; };
    };
    requestBody: APIKeyRequest;
    responses: {
      201: CreatedAPIKey;
      400: Problem;
      401: Problem;
      403: Problem;
      409: Problem;
      413: Problem;
      415: Problem;
      422: Problem;
      429: Problem;
      "default": Problem;
    };
  };
  createAppointment: {
    /** Book an appointment. */
    method: "POST";
    path: "/v1/appointments";
    parameters: {
      path: {};
      query: {};
      header: { "Idempotency-Key"?: string; };
    };
    requestBody: AppointmentInput;
    responses: {
      201: Appointment;
      400: Problem;
      401: Problem;
      403: Problem;
      409: Problem;
      415: Problem;
      422: Problem;
      429: Problem;
      "default": Problem;
    };
  };
  createDisplayLink: {
    /** Make a display link for a shop screen. */
    method: "POST";
    path: "/v1/board/display-links";
    parameters: {
      path: {};
      query: {};
      header: {};
    };
    requestBody: DisplayLinkInput;
    responses: {
      201: DisplayLinkCreated;
      400: Problem;
      401: Problem;
      403: Problem;
      409: Problem;
      415: Problem;
      422: Problem;
      429: Problem;
      "default": Problem;
    };
  };
  createFlag: {
    /** Create a feature flag. */
    method: "POST";
    path: "/v1/flags";
    parameters: {
      path: {};
      query: {};
      header: {};
    };
    requestBody: FlagInput;
    responses: {
      201: Flag;
      400: Problem;
      401: Problem;
      403: Problem;
      409: Problem;
      422: Problem;
      429: Problem;
      "default": Problem;
    };
  };
  createForm: {
    /** Create a form. */
    method: "POST";
    path: "/v1/forms";
    parameters: {
      path: {};
      query: {};
      header: {};
    };
    requestBody: FormInput;
    responses: {
      201: Form;
      401: Problem;
      403: Problem;
      422: Problem;
      429: Problem;
      "default": Problem;
    };
  };
  createFormLink: {
    /** Make a public link to a form. */
    method: "POST";
    path: "/v1/forms/{formId}/links";
    parameters: {
      path: { formId: string; };
      query: {};
      header: {};
    };
    requestBody: FormLinkInput;
    responses: {
      201: FormLinkCreated;
      401: Problem;
      403: Problem;
      404: Problem;
      409: Problem;
      422: Problem;
      429: Problem;
      "default": Problem;
    };
  };
  createInvitation: {
    /** Invite an e-mail address to the workspace with a role. */
    method: "POST";
    path: "/v1/invitations";
    parameters: {
      path: {};
      query: {};
      header: { "Idempotency-Key"?: string; };
    };
    requestBody: InvitationRequest;
    responses: {
      201: CreatedInvitation;
      400: Problem;
      401: Problem;
      403: Problem;
      409: Problem;
      413: Problem;
      415: Problem;
      422: Problem;
      429: Problem;
      "default": Problem;
    };
  };
  createProject: {
    /** Create a project. */
    method: "POST";
    path: "/v1/projects";
    parameters: {
      path: {};
      query: {};
      header: { "Idempotency-Key"?: string; };
    };
    requestBody: ProjectInput;
    responses: {
      201: Project;
      400: Problem;
      401: Problem;
      403: Problem;
      415: Problem;
      422: Problem;
      429: Problem;
      "default": Problem;
    };
  };
  createRealtimeTicket: {
    /** Get a single-use ticket that opens an event stream. */
    method: "POST";
    path: "/v1/realtime/tickets";
    parameters: {
      path: {};
      query: {};
      header: {};
    };
    requestBody: never;
    responses: {
      201: RealtimeTicket;
      401: Problem;
      403: Problem;
      429: Problem;
      "default": Problem;
    };
  };
  createReportExport: {
    /** Export several projects' reports as one ZIP. */
    method: "POST";
    path: "/v1/reports/exports";
    parameters: {
      path: {};
      query: {};
      header: {};
    };
    requestBody: ReportExportInput;
    responses: {
      202: ReportExport;
      400: Problem;
      401: Problem;
      403: Problem;
      413: Problem;
      415: Problem;
      422: Problem;
      429: Problem;
      "default": Problem;
    };
  };
  createService: {
    /** Add a service to the catalog. */
    method: "POST";
    path: "/v1/services";
    parameters: {
      path: {};
      query: {};
      header: { "Idempotency-Key"?: string; };
    };
    requestBody: ServiceInput;
    responses: {
      201: Service;
      400: Problem;
      401: Problem;
      403: Problem;
      409: Problem;
      415: Problem;
      422: Problem;
      429: Problem;
      "default": Problem;
    };
  };
  deleteAppointment: {
    /** Delete an appointment. */
    method: "DELETE";
    path: "/v1/appointments/{appointmentId}";
    parameters: {
      path: { appointmentId: string; };
      query: {};
      header: { "If-Match"?: string; };
    };
    requestBody: never;
    responses: {
      204: void;
      401: Problem;
      403: Problem;
      404: Problem;
      409: Problem;
      429: Problem;
      "default": Problem;
    };
  };
  deleteDisplayLink: {
    /** Revoke a display link. */
    method: "DELETE";
    path: "/v1/board/display-links/{linkId}";
    parameters: {
      path: { linkId: string; };
      query: {};
      header: {};
    };
    requestBody: never;
    responses: {
      204: void;
      401: Problem;
      403: Problem;
      404: Problem;
      429: Problem;
      "default": Problem;
    };
  };
  deleteFlag: {
    /** Delete a feature flag. */
    method: "DELETE";
    path: "/v1/flags/{name}";
    parameters: {
      path: { name: string; };
      query: {};
      header: {};
    };
    requestBody: never;
    responses: {
      204: void;
      400: Problem;
      401: Problem;
      403: Problem;
      404: Problem;
      429: Problem;
      "default": Problem;
    };
  };
  deleteForm: {
    /** Delete a form. */
    method: "DELETE";
    path: "/v1/forms/{formId}";
    parameters: {
      path: { formId: string; };
      query: {};
      header: {};
    };
    requestBody: never;
    responses: {
      204: void;
      401: Problem;
      403: Problem;
      404: Problem;
      429: Problem;
      "default": Problem;
    };
  };
  deleteFormFeed: {
    /** Stop a form feeding a project. */
    method: "DELETE";
    path: "/v1/forms/{formId}/feed";
    parameters: {
      path: { formId: string; };
      query: {};
      header: {};
    };
    requestBody: never;
    responses: {
      204: void;
      401: Problem;
      403: Problem;
      404: Problem;
      429: Problem;
      "default": Problem;
    };
  };
  deleteProject: {
    /** Delete a project. */
    method: "DELETE";
    path: "/v1/projects/{projectId}";
    parameters: {
      path: { projectId: string; };
      query: {};
      header: {};
    };
    requestBody: never;
    responses: {
      204: void;
      401: Problem;
      403: Problem;
      404: Problem;
      429: Problem;
      "default": Problem;
    };
  };
  deleteReportTemplate: {
    /** Delete a Word template. */
    method: "DELETE";
    path: "/v1/report-templates/{templateId}";
    parameters: {
      path: { templateId: string; };
      query: {};
      header: {};
    };
    requestBody: never;
    responses: {
      204: void;
      401: Problem;
      403: Problem;
      404: Problem;
      429: Problem;
      "default": Problem;
    };
  };
  deleteService: {
    /** Delete a service. */
    method: "DELETE";
    path: "/v1/services/{serviceId}";
    parameters: {
      path: { serviceId: string; };
      query: {};
      header: {};
    };
    requestBody: never;
    responses: {
      204: void;
      401: Problem;
      403: Problem;
      404: Problem;
      429: Problem;
      "default": Problem;
    };
  };
  disableFlag: {
    /** Turn a feature flag off: the kill switch. */
    method: "POST";
    path: "/v1/flags/{name}/disable";
    parameters: {
      path: { name: string; };
      query: {};
      header: {};
    };
    requestBody: never;
    responses: {
      200: Flag;
      400: Problem;
      401: Problem;
      403: Problem;
      404: Problem;
      429: Problem;
      "default": Problem;
    };
  };
  downloadReportExport: {
    /** Download a batch export's ZIP. */
    method: "GET";
    path: "/v1/reports/exports/{exportId}/file";
    parameters: {
      path: { exportId: string; };
      query: { ticket?: string; };
      header: {};
    };
    requestBody: never;
    responses: {
      200: Blob;
      401: Problem;
      403: Problem;
      404: Problem;
      429: Problem;
      "default": Problem;
    };
  };
  downloadReportTemplate: {
    /** Download a Word template. */
    method: "GET";
    path: "/v1/report-templates/{templateId}/file";
    parameters: {
      path: { templateId: string; };
      query: {};
      header: {};
    };
    requestBody: never;
    responses: {
      200: Blob;
      401: Problem;
      403: Problem;
      404: Problem;
      429: Problem;
      "default": Problem;
    };
  };
  enableFlag: {
    /** Turn a feature flag on. */
    method: "POST";
    path: "/v1/flags/{name}/enable";
    parameters: {
      path: { name: string; };
      query: {};
      header: {};
    };
    requestBody: never;
    responses: {
      200: Flag;
      400: Problem;
      401: Problem;
      403: Problem;
      404: Problem;
      429: Problem;
      "default": Problem;
    };
  };
  endBrowserSession: {
    /** Sign the web UI out. */
    method: "POST";
    path: "/v1/auth/session/logout";
    parameters: {
      path: {};
      query: {};
      header: {};
    };
    requestBody: Record<string, unknown>;
    responses: {
      204: void;
      415: Problem;
      429: Problem;
      "default": Problem;
    };
  };
  evaluateFlags: {
    /** Evaluate flags for a context. */
    method: "POST";
    path: "/v1/flags/evaluate";
    parameters: {
      path: {};
      query: {};
      header: {};
    };
    requestBody: FlagEvaluationRequest;
    responses: {
      200: FlagEvaluation;
      400: Problem;
      401: Problem;
      403: Problem;
      422: Problem;
      429: Problem;
      "default": Problem;
    };
  };
  evaluateOwnFlags: {
    /** Evaluate every flag for the caller. */
    method: "GET";
    path: "/v1/flags/evaluate";
    parameters: {
      path: {};
      query: {};
      header: {};
    };
    requestBody: never;
    responses: {
      200: FlagEvaluation;
      401: Problem;
      403: Problem;
      429: Problem;
      "default": Problem;
    };
  };
  exportFlags: {
    /** Export flags in Unleash's client format. */
    method: "GET";
    path: "/v1/flags/export";
    parameters: {
      path: {};
      query: {};
      header: {};
    };
    requestBody: never;
    responses: {
      200: FlagCollection;
      401: Problem;
      403: Problem;
      429: Problem;
      "default": Problem;
    };
  };
  getAISettings: {
    /** The workspace's language-model settings: providers in order with their models and whether a key is set (its last four characters only), and the budgets. */
    method: "GET";
    path: "/v1/ai/settings";
    parameters: {
      path: {};
      query: {};
      header: {};
    };
    requestBody: never;
    responses: {
      200: AISettings;
      401: Problem;
      403: Problem;
      429: Problem;
      "default": Problem;
    };
  };
  getAppointment: {
    /** Read an appointment. */
    method: "GET";
    path: "/v1/appointments/{appointmentId}";
    parameters: {
      path: { appointmentId: string; };
      query: {};
      header: {};
    };
    requestBody: never;
    responses: {
      200: Appointment;
      401: Problem;
      403: Problem;
      404: Problem;
      429: Problem;
      "default": Problem;
    };
  };
  getBoard: {
    /** Read a day's board. */
    method: "GET";
    path: "/v1/board";
    parameters: {
      path: {};
      query: { date?: string; };
      header: { "If-None-Match"?: string; };
    };
    requestBody: never;
    responses: {
      200: Board;
      304: void;
      400: Problem;
      401: Problem;
      403: Problem;
      429: Problem;
      "default": Problem;
    };
  };
  getBoardSettings: {
    /** Read the board's columns and time zone. */
    method: "GET";
    path: "/v1/board/settings";
    parameters: {
      path: {};
      query: {};
      header: {};
    };
    requestBody: never;
    responses: {
      200: BoardSettings;
      401: Problem;
      403: Problem;
      429: Problem;
      "default": Problem;
    };
  };
  getBoardStats: {
    /** Read a day's figures. */
    method: "GET";
    path: "/v1/board/stats";
    parameters: {
      path: {};
      query: { date?: string; };
      header: {};
    };
    requestBody: never;
    responses: {
      200: BoardStats;
      400: Problem;
      401: Problem;
      403: Problem;
      429: Problem;
      "default": Problem;
    };
  };
  getDisplayBoard: {
    /** Read the board through a display link. */
    method: "GET";
    path: "/v1/display/board";
    parameters: {
      path: {};
      query: { date?: string; };
      header: { "X-Display-Token": string; "If-None-Match"?: string; };
    };
    requestBody: never;
    responses: {
      200: DisplayBoard;
      304: void;
      400: Problem;
      401: Problem;
      429: Problem;
      "default": Problem;
    };
  };
  getDisplayPage: {
    /** The shop screen's page: a display link's read-only board. */
    method: "GET";
    path: "/display";
    parameters: {
      path: {};
      query: {};
      header: {};
    };
    requestBody: never;
    responses: {
      200: string;
    };
  };
  getFlag: {
    /** Get a feature flag. */
    method: "GET";
    path: "/v1/flags/{name}";
    parameters: {
      path: { name: string; };
      query: {};
      header: {};
    };
    requestBody: never;
    responses: {
      200: Flag;
      400: Problem;
      401: Problem;
      403: Problem;
      404: Problem;
      429: Problem;
      "default": Problem;
    };
  };
  getForm: {
    /** Read a form. */
    method: "GET";
    path: "/v1/forms/{formId}";
    parameters: {
      path: { formId: string; };
      query: {};
      header: {};
    };
    requestBody: never;
    responses: {
      200: Form;
      401: Problem;
      403: Problem;
      404: Problem;
      429: Problem;
      "default": Problem;
    };
  };
  getFormProgress: {
    /** Read your saved answers. */
    method: "GET";
    path: "/v1/forms/{formId}/progress";
    parameters: {
      path: { formId: string; };
      query: {};
      header: {};
    };
    requestBody: never;
    responses: {
      200: FormProgress;
      401: Problem;
      403: Problem;
      404: Problem;
      429: Problem;
      "default": Problem;
    };
  };
  getHealth: {
    /** Liveness: the process is up and serving HTTP. */
    method: "GET";
    path: "/healthz";
    parameters: {
      path: {};
      query: {};
      header: {};
    };
    requestBody: never;
    responses: {
      200: Health;
    };
  };
  getJob: {
    /** A job, with the error of each failed attempt. */
    method: "GET";
    path: "/v1/jobs/{jobId}";
    parameters: {
      path: { jobId: string; };
      query: {};
      header: {};
    };
    requestBody: never;
    responses: {
      200: JobDetail;
      401: Problem;
      403: Problem;
      404: Problem;
      429: Problem;
      "default": Problem;
    };
  };
  getMe: {
    /** Who the credential belongs to, its workspace and role. */
    method: "GET";
    path: "/v1/me";
    parameters: {
      path: {};
      query: {};
      header: {};
    };
    requestBody: never;
    responses: {
      200: Me;
      401: Problem;
      403: Problem;
      429: Problem;
      "default": Problem;
    };
  };
  getMetrics: {
    /** Prometheus metrics in the text exposition format. */
    method: "GET";
    path: "/metrics";
    parameters: {
      path: {};
      query: {};
      header: {};
    };
    requestBody: never;
    responses: {
      200: string;
    };
  };
  getOpenAPIDocument: {
    /** This OpenAPI 3.1 document. */
    method: "GET";
    path: "/openapi.json";
    parameters: {
      path: {};
      query: {};
      header: {};
    };
    requestBody: never;
    responses: {
      200: Record<string, unknown>;
    };
  };
  getProject: {
    /** Read a project. */
    method: "GET";
    path: "/v1/projects/{projectId}";
    parameters: {
      path: { projectId: string; };
      query: {};
      header: {};
    };
    requestBody: never;
    responses: {
      200: Project;
      401: Problem;
      403: Problem;
      404: Problem;
      429: Problem;
      "default": Problem;
    };
  };
  getPublicForm: {
    /** Read a form through its public link. */
    method: "GET";
    path: "/v1/public/form";
    parameters: {
      path: {};
      query: {};
      header: { "X-Form-Token": string; };
    };
    requestBody: never;
    responses: {
      200: PublicForm;
      400: Problem;
      401: Problem;
      410: Problem;
      429: Problem;
      "default": Problem;
    };
  };
  getPublicFormProgress: {
    /** Read answers saved through a public link. */
    method: "GET";
    path: "/v1/public/form/progress";
    parameters: {
      path: {};
      query: {};
      header: { "X-Form-Token": string; "X-Resume-Token": string; };
    };
    requestBody: never;
    responses: {
      200: FormProgress;
      400: Problem;
      401: Problem;
      404: Problem;
      410: Problem;
      429: Problem;
      "default": Problem;
    };
  };
  getReadiness: {
    /** Readiness: the database is reachable and its schema is current. */
    method: "GET";
    path: "/readyz";
    parameters: {
      path: {};
      query: {};
      header: {};
    };
    requestBody: never;
    responses: {
      200: Readiness;
      503: Problem;
    };
  };
  getReport: {
    /** Read one report version. */
    method: "GET";
    path: "/v1/projects/{projectId}/reports/{reportId}";
    parameters: {
      path: { projectId: string; reportId: string; };
      query: { format?: "json" | "markdown" | "html" | "pdf" | "docx" | "tex"; template?: string; ticket?: string; };
      header: { "If-None-Match"?: string; };
    };
    requestBody: never;
    responses: {
      200: Report;
      304: void;
      400: Problem;
      401: Problem;
      403: Problem;
      404: Problem;
      406: Problem;
      422: Problem;
      429: Problem;
      "default": Problem;
    };
  };
  getReportExport: {
    /** Read a batch export. */
    method: "GET";
    path: "/v1/reports/exports/{exportId}";
    parameters: {
      path: { exportId: string; };
      query: {};
      header: {};
    };
    requestBody: never;
    responses: {
      200: ReportExport;
      401: Problem;
      403: Problem;
      404: Problem;
      429: Problem;
      "default": Problem;
    };
  };
  getReportRun: {
    /** Read a report run. */
    method: "GET";
    path: "/v1/runs/{runId}";
    parameters: {
      path: { runId: string; };
      query: {};
      header: {};
    };
    requestBody: never;
    responses: {
      200: ReportRun;
      401: Problem;
      403: Problem;
      404: Problem;
      429: Problem;
      "default": Problem;
    };
  };
  getReportTemplate: {
    /** Read a Word template's details. */
    method: "GET";
    path: "/v1/report-templates/{templateId}";
    parameters: {
      path: { templateId: string; };
      query: {};
      header: {};
    };
    requestBody: never;
    responses: {
      200: ReportTemplate;
      401: Problem;
      403: Problem;
      404: Problem;
      429: Problem;
      "default": Problem;
    };
  };
  getReportTemplateSample: {
    /** Download the sample Word template. */
    method: "GET";
    path: "/v1/report-templates/sample";
    parameters: {
      path: {};
      query: {};
      header: {};
    };
    requestBody: never;
    responses: {
      200: Blob;
      401: Problem;
      403: Problem;
      429: Problem;
      "default": Problem;
    };
  };
  getRespondPage: {
    /** The public page that answers a form. */
    method: "GET";
    path: "/respond";
    parameters: {
      path: {};
      query: {};
      header: {};
    };
    requestBody: never;
    responses: {
      200: string;
    };
  };
  getService: {
    /** Read a service. */
    method: "GET";
    path: "/v1/services/{serviceId}";
    parameters: {
      path: { serviceId: string; };
      query: {};
      header: {};
    };
    requestBody: never;
    responses: {
      200: Service;
      401: Problem;
      403: Problem;
      404: Problem;
      429: Problem;
      "default": Problem;
    };
  };
  getServiceIndex: {
    /** Where to go from here: the web UI for browsers; for other clients the name, version and the addresses of this service's documents. */
    method: "GET";
    path: "/";
    parameters: {
      path: {};
      query: {};
      header: {};
    };
    requestBody: never;
    responses: {
      200: ServiceIndex;
    };
  };
  getSigningKeys: {
    /** The public keys that verify access tokens (RFC 7517 JSON Web Key Set). */
    method: "GET";
    path: "/.well-known/jwks.json";
    parameters: {
      path: {};
      query: {};
      header: {};
    };
    requestBody: never;
    responses: {
      200: {
        keys: { [key: string]: string }[];
      };
      "default": Problem;
    };
  };
  getSystemInfo: {
    /** The version of this installation, its database and schema. */
    method: "GET";
    path: "/v1/system/info";
    parameters: {
      path: {};
      query: {};
      header: {};
    };
    requestBody: never;
    responses: {
      200: SystemInfo;
      401: Problem;
      403: Problem;
      429: Problem;
      "default": Problem;
    };
  };
  getUsage: {
    /** What the workspace's language-model calls used and cost, grouped by day, provider, model or project, with this month's budget. */
    method: "GET";
    path: "/v1/usage";
    parameters: {
      path: {};
      query: { from?: string; to?: string; groupBy?: "day" | "provider" | "model" | "project"; };
      header: {};
    };
    requestBody: never;
    responses: {
      200: UsageReport;
      400: Problem;
      401: Problem;
      403: Problem;
      429: Problem;
      "default": Problem;
    };
  };
  getWebUIFile: {
    /** A file of the web UI (its CSS and ES modules), compiled into the binary. */
    method: "GET";
    path: "/ui/{file}";
    parameters: {
      path: { file: string; };
      query: {};
      header: {};
    };
    requestBody: never;
    responses: {
      200: string;
      404: Problem;
    };
  };
  getWorkspace: {
    /** The caller's workspace. */
    method: "GET";
    path: "/v1/workspace";
    parameters: {
      path: {};
      query: {};
      header: {};
    };
    requestBody: never;
    responses: {
      200: Workspace;
      401: Problem;
      403: Problem;
      429: Problem;
      "default": Problem;
    };
  };
  importFlags: {
    /** Import flags in Unleash's client format. */
    method: "POST";
    path: "/v1/flags/import";
    parameters: {
      path: {};
      query: {};
      header: {};
    };
    requestBody: FlagCollection;
    responses: {
      200: FlagImportResult;
      400: Problem;
      401: Problem;
      403: Problem;
      422: Problem;
      429: Problem;
      "default": Problem;
    };
  };
  importServices: {
    /** Import services from CSV. */
    method: "POST";
    path: "/v1/services/import";
    parameters: {
      path: {};
      query: {};
      header: {};
    };
    requestBody: string;
    responses: {
      200: ServiceImportResult;
      400: Problem;
      401: Problem;
      403: Problem;
      413: Problem;
      415: Problem;
      422: Problem;
      429: Problem;
      "default": Problem;
    };
  };
  listAPIKeys: {
    /** The workspace's API keys (never their secrets). */
    method: "GET";
    path: "/v1/api-keys";
    parameters: {
      path: {};
      query: {};
      header: {};
    };
    requestBody: never;
    responses: {
      200: APIKeyList;
      401: Problem;
      403: Problem;
      429: Problem;
      "default": Problem;
    };
  };
  listAuditEntries: {
    /** The workspace's audit log, newest first. */
    method: "GET";
    path: "/v1/audit";
    parameters: {
      path: {};
      query: { actorId?: string; action?: string; targetType?: string; targetId?: string; since?: string; until?: string; limit?: number; cursor?: string; };
      header: {};
    };
    requestBody: never;
    responses: {
      200: AuditPage;
      400: Problem;
      401: Problem;
      403: Problem;
      429: Problem;
      "default": Problem;
    };
  };
  listDisplayLinks: {
    /** List the display links. */
    method: "GET";
    path: "/v1/board/display-links";
    parameters: {
      path: {};
      query: {};
      header: {};
    };
    requestBody: never;
    responses: {
      200: DisplayLinkList;
      401: Problem;
      403: Problem;
      429: Problem;
      "default": Problem;
    };
  };
  listFlags: {
    /** List the workspace's feature flags. */
    method: "GET";
    path: "/v1/flags";
    parameters: {
      path: {};
      query: {};
      header: {};
    };
    requestBody: never;
    responses: {
      200: FlagList;
      401: Problem;
      403: Problem;
      429: Problem;
      "default": Problem;
    };
  };
  listFormLinks: {
    /** List a form's public links. */
    method: "GET";
    path: "/v1/forms/{formId}/links";
    parameters: {
      path: { formId: string; };
      query: {};
      header: {};
    };
    requestBody: never;
    responses: {
      200: FormLinkList;
      401: Problem;
      403: Problem;
      404: Problem;
      429: Problem;
      "default": Problem;
    };
  };
  listFormSubmissions: {
    /** List a form's submissions. */
    method: "GET";
    path: "/v1/forms/{formId}/submissions";
    parameters: {
      path: { formId: string; };
      query: { format?: "json" | "csv"; cursor?: string; limit?: number; };
      header: {};
    };
    requestBody: never;
    responses: {
      200: FormSubmissionList;
      401: Problem;
      403: Problem;
      404: Problem;
      429: Problem;
      "default": Problem;
    };
  };
  listFormVersions: {
    /** List a form's published versions. */
    method: "GET";
    path: "/v1/forms/{formId}/versions";
    parameters: {
      path: { formId: string; };
      query: {};
      header: {};
    };
    requestBody: never;
    responses: {
      200: FormVersionList;
      401: Problem;
      403: Problem;
      404: Problem;
      429: Problem;
      "default": Problem;
    };
  };
  listForms: {
    /** List the workspace's forms. */
    method: "GET";
    path: "/v1/forms";
    parameters: {
      path: {};
      query: {};
      header: {};
    };
    requestBody: never;
    responses: {
      200: FormList;
      401: Problem;
      403: Problem;
      429: Problem;
      "default": Problem;
    };
  };
  listInvitations: {
    /** Pending invitations. */
    method: "GET";
    path: "/v1/invitations";
    parameters: {
      path: {};
      query: {};
      header: {};
    };
    requestBody: never;
    responses: {
      200: InvitationList;
      401: Problem;
      403: Problem;
      429: Problem;
      "default": Problem;
    };
  };
  listJobs: {
    /** The workspace's jobs (and, for an installation admin, the installation's own), newest first. */
    method: "GET";
    path: "/v1/jobs";
    parameters: {
      path: {};
      query: { state?: JobState[]; queue?: string; kind?: string; since?: string; until?: string; limit?: number; cursor?: string; };
      header: {};
    };
    requestBody: never;
    responses: {
      200: JobPage;
      400: Problem;
      401: Problem;
      403: Problem;
      429: Problem;
      "default": Problem;
    };
  };
  listMembers: {
    /** The workspace's members and their roles. */
    method: "GET";
    path: "/v1/members";
    parameters: {
      path: {};
      query: {};
      header: {};
    };
    requestBody: never;
    responses: {
      200: MemberList;
      401: Problem;
      403: Problem;
      429: Problem;
      "default": Problem;
    };
  };
  listNotifications: {
    /** List one's notifications in the workspace. */
    method: "GET";
    path: "/v1/notifications";
    parameters: {
      path: {};
      query: { unread?: boolean; limit?: number; cursor?: string; };
      header: {};
    };
    requestBody: never;
    responses: {
      200: NotificationList;
      400: Problem;
      401: Problem;
      403: Problem;
      429: Problem;
      "default": Problem;
    };
  };
  listPresence: {
    /** Who follows a topic now. */
    method: "GET";
    path: "/v1/presence";
    parameters: {
      path: {};
      query: { topic: string; };
      header: {};
    };
    requestBody: never;
    responses: {
      200: Presence;
      400: Problem;
      401: Problem;
      403: Problem;
      429: Problem;
      "default": Problem;
    };
  };
  listProjects: {
    /** List the workspace's projects. */
    method: "GET";
    path: "/v1/projects";
    parameters: {
      path: {};
      query: { q?: string; tag?: string; limit?: number; cursor?: string; };
      header: {};
    };
    requestBody: never;
    responses: {
      200: ProjectList;
      400: Problem;
      401: Problem;
      403: Problem;
      429: Problem;
      "default": Problem;
    };
  };
  listQueues: {
    /** Every queue with its jobs by state, throughput and timings. */
    method: "GET";
    path: "/v1/queues";
    parameters: {
      path: {};
      query: {};
      header: {};
    };
    requestBody: never;
    responses: {
      200: QueueList;
      401: Problem;
      403: Problem;
      429: Problem;
      "default": Problem;
    };
  };
  listReportRuns: {
    /** List a project's report runs. */
    method: "GET";
    path: "/v1/projects/{projectId}/runs";
    parameters: {
      path: { projectId: string; };
      query: { limit?: number; };
      header: {};
    };
    requestBody: never;
    responses: {
      200: ReportRunList;
      400: Problem;
      401: Problem;
      403: Problem;
      404: Problem;
      429: Problem;
      "default": Problem;
    };
  };
  listReportTemplates: {
    /** List the workspace's Word templates. */
    method: "GET";
    path: "/v1/report-templates";
    parameters: {
      path: {};
      query: {};
      header: {};
    };
    requestBody: never;
    responses: {
      200: ReportTemplateList;
      401: Problem;
      403: Problem;
      429: Problem;
      "default": Problem;
    };
  };
  listReports: {
    /** List a project's report versions. */
    method: "GET";
    path: "/v1/projects/{projectId}/reports";
    parameters: {
      path: { projectId: string; };
      query: { limit?: number; };
      header: {};
    };
    requestBody: never;
    responses: {
      200: ReportVersionList;
      400: Problem;
      401: Problem;
      403: Problem;
      404: Problem;
      429: Problem;
      "default": Problem;
    };
  };
  listServices: {
    /** List the catalog's services. */
    method: "GET";
    path: "/v1/services";
    parameters: {
      path: {};
      query: { search?: string; category?: string; active?: boolean; };
      header: {};
    };
    requestBody: never;
    responses: {
      200: ServiceList;
      400: Problem;
      401: Problem;
      403: Problem;
      429: Problem;
      "default": Problem;
    };
  };
  login: {
    /** Sign in with e-mail and password. */
    method: "POST";
    path: "/v1/auth/login";
    parameters: {
      path: {};
      query: {};
      header: {};
    };
    requestBody: LoginRequest;
    responses: {
      200: TokenPair;
      400: Problem;
      401: Problem;
      404: Problem;
      413: Problem;
      415: Problem;
      422: Problem;
      429: Problem;
      "default": Problem;
    };
  };
  logout: {
    /** Sign out: revoke the session of a refresh token. */
    method: "POST";
    path: "/v1/auth/logout";
    parameters: {
      path: {};
      query: {};
      header: {};
    };
    requestBody: RefreshRequest;
    responses: {
      204: void;
      400: Problem;
      413: Problem;
      415: Problem;
      422: Problem;
      429: Problem;
      "default": Problem;
    };
  };
  markNotificationsRead: {
    /** Mark notifications read. */
    method: "POST";
    path: "/v1/notifications/read";
    parameters: {
      path: {};
      query: {};
      header: {};
    };
    requestBody: MarkNotificationsRead;
    responses: {
      200: NotificationsRead;
      400: Problem;
      401: Problem;
      403: Problem;
      422: Problem;
      429: Problem;
      "default": Problem;
    };
  };
  moveAppointment: {
    /** Move a card. */
    method: "POST";
    path: "/v1/appointments/{appointmentId}/move";
    parameters: {
      path: { appointmentId: string; };
      query: {};
      header: { "If-Match"?: string; };
    };
    requestBody: MoveRequest;
    responses: {
      200: Appointment;
      400: Problem;
      401: Problem;
      403: Problem;
      404: Problem;
      409: Problem;
      415: Problem;
      422: Problem;
      428: Problem;
      429: Problem;
      "default": Problem;
    };
  };
  openWebSocket: {
    /** Follow topics over a WebSocket. */
    method: "GET";
    path: "/v1/ws";
    parameters: {
      path: {};
      query: { ticket?: string; };
      header: {};
    };
    requestBody: never;
    responses: {
      101: void;
      401: Problem;
      426: Problem;
      "default": Problem;
    };
  };
  pauseQueue: {
    /** Pause the workspace's jobs in a queue, on every node. */
    method: "POST";
    path: "/v1/queues/{queue}/pause";
    parameters: {
      path: { queue: string; };
      query: {};
      header: {};
    };
    requestBody: never;
    responses: {
      200: Queue;
      400: Problem;
      401: Problem;
      403: Problem;
      404: Problem;
      429: Problem;
      "default": Problem;
    };
  };
  publishForm: {
    /** Publish a form's draft. */
    method: "POST";
    path: "/v1/forms/{formId}/publish";
    parameters: {
      path: { formId: string; };
      query: {};
      header: {};
    };
    requestBody: never;
    responses: {
      200: FormPublication;
      401: Problem;
      403: Problem;
      404: Problem;
      429: Problem;
      "default": Problem;
    };
  };
  refreshBrowserSession: {
    /** Renew the web UI's access token from its cookie. */
    method: "POST";
    path: "/v1/auth/session/refresh";
    parameters: {
      path: {};
      query: {};
      header: {};
    };
    requestBody: Record<string, unknown>;
    responses: {
      200: AccessToken;
      401: Problem;
      415: Problem;
      429: Problem;
      "default": Problem;
    };
  };
  refreshSession: {
    /** Exchange a refresh token for new tokens. */
    method: "POST";
    path: "/v1/auth/refresh";
    parameters: {
      path: {};
      query: {};
      header: {};
    };
    requestBody: RefreshRequest;
    responses: {
      200: TokenPair;
      400: Problem;
      401: Problem;
      413: Problem;
      415: Problem;
      422: Problem;
      429: Problem;
      "default": Problem;
    };
  };
  removeMember: {
    /** Remove a member from the workspace. */
    method: "DELETE";
    path: "/v1/members/{userId}";
    parameters: {
      path: { userId: string; };
      query: {};
      header: {};
    };
    requestBody: never;
    responses: {
      204: void;
      401: Problem;
      403: Problem;
      404: Problem;
      409: Problem;
      429: Problem;
      "default": Problem;
    };
  };
  renameWorkspace: {
    /** Rename the workspace. */
    method: "PATCH";
    path: "/v1/workspace";
    parameters: {
      path: {};
      query: {};
      header: {};
    };
    requestBody: WorkspaceChange;
    responses: {
      200: Workspace;
      400: Problem;
      401: Problem;
      403: Problem;
      413: Problem;
      415: Problem;
      422: Problem;
      429: Problem;
      "default": Problem;
    };
  };
  resumeQueue: {
    /** Resume the workspace's jobs in a paused queue. */
    method: "POST";
    path: "/v1/queues/{queue}/resume";
    parameters: {
      path: { queue: string; };
      query: {};
      header: {};
    };
    requestBody: never;
    responses: {
      200: Queue;
      400: Problem;
      401: Problem;
      403: Problem;
      404: Problem;
      429: Problem;
      "default": Problem;
    };
  };
  retryJob: {
    /** Retry a cancelled or discarded job. */
    method: "POST";
    path: "/v1/jobs/{jobId}/retry";
    parameters: {
      path: { jobId: string; };
      query: {};
      header: {};
    };
    requestBody: never;
    responses: {
      200: Job;
      401: Problem;
      403: Problem;
      404: Problem;
      409: Problem;
      429: Problem;
      "default": Problem;
    };
  };
  retryReportRun: {
    /** Retry a failed or cancelled report run. */
    method: "POST";
    path: "/v1/runs/{runId}/retry";
    parameters: {
      path: { runId: string; };
      query: {};
      header: {};
    };
    requestBody: never;
    responses: {
      202: ReportRun;
      401: Problem;
      403: Problem;
      404: Problem;
      409: Problem;
      429: Problem;
      "default": Problem;
    };
  };
  revokeAPIKey: {
    /** Revoke an API key. */
    method: "DELETE";
    path: "/v1/api-keys/{keyId}";
    parameters: {
      path: { keyId: string; };
      query: {};
      header: {};
    };
    requestBody: never;
    responses: {
      204: void;
      401: Problem;
      403: Problem;
      404: Problem;
      429: Problem;
      "default": Problem;
    };
  };
  revokeFormLink: {
    /** Revoke a public link. */
    method: "DELETE";
    path: "/v1/forms/{formId}/links/{linkId}";
    parameters: {
      path: { formId: string; linkId: string; };
      query: {};
      header: {};
    };
    requestBody: never;
    responses: {
      204: void;
      401: Problem;
      403: Problem;
      404: Problem;
      429: Problem;
      "default": Problem;
    };
  };
  revokeInvitation: {
    /** Withdraw a pending invitation. */
    method: "DELETE";
    path: "/v1/invitations/{invitation}";
    parameters: {
      path: { invitation: string; };
      query: {};
      header: {};
    };
    requestBody: never;
    responses: {
      204: void;
      401: Problem;
      403: Problem;
      404: Problem;
      429: Problem;
      "default": Problem;
    };
  };
  saveFormProgress: {
    /** Save answers to finish later. */
    method: "PUT";
    path: "/v1/forms/{formId}/progress";
    parameters: {
      path: { formId: string; };
      query: {};
      header: {};
    };
    requestBody: FormProgressInput;
    responses: {
      200: FormProgress;
      401: Problem;
      403: Problem;
      404: Problem;
      409: Problem;
      422: Problem;
      429: Problem;
      "default": Problem;
    };
  };
  savePublicFormProgress: {
    /** Save answers through a public link to finish later. */
    method: "PUT";
    path: "/v1/public/form/progress";
    parameters: {
      path: {};
      query: {};
      header: { "X-Form-Token": string; "X-Resume-Token"?: string; };
    };
    requestBody: FormProgressInput;
    responses: {
      200: FormProgress;
      400: Problem;
      401: Problem;
      410: Problem;
      422: Problem;
      429: Problem;
      "default": Problem;
    };
  };
  setFormFeed: {
    /** Make a form feed a project. */
    method: "PUT";
    path: "/v1/forms/{formId}/feed";
    parameters: {
      path: { formId: string; };
      query: {};
      header: {};
    };
    requestBody: FormFeed;
    responses: {
      200: Form;
      401: Problem;
      403: Problem;
      404: Problem;
      422: Problem;
      429: Problem;
      "default": Problem;
    };
  };
  startBrowserSession: {
    /** Sign in from the web UI: the refresh token goes in a cookie. */
    method: "POST";
    path: "/v1/auth/session";
    parameters: {
      path: {};
      query: {};
      header: {};
    };
    requestBody: LoginRequest;
    responses: {
      200: AccessToken;
      400: Problem;
      401: Problem;
      404: Problem;
      413: Problem;
      415: Problem;
      422: Problem;
      429: Problem;
      "default": Problem;
    };
  };
  startReportRun: {
    /** Regenerate a project's report. */
    method: "POST";
    path: "/v1/projects/{projectId}/reports";
    parameters: {
      path: { projectId: string; };
      query: {};
      header: {};
    };
    requestBody: never;
    responses: {
      200: ReportRun;
      202: ReportRun;
      401: Problem;
      403: Problem;
      404: Problem;
      429: Problem;
      "default": Problem;
    };
  };
  streamEvents: {
    /** Follow topics as server-sent events. */
    method: "GET";
    path: "/v1/events";
    parameters: {
      path: {};
      query: { topic: string[]; ticket?: string; lastEventId?: string; };
      header: { "Last-Event-ID"?: string; };
    };
    requestBody: never;
    responses: {
      200: string;
      400: Problem;
      401: Problem;
      403: Problem;
      429: Problem;
      "default": Problem;
    };
  };
  submitForm: {
    /** Answer a form. */
    method: "POST";
    path: "/v1/forms/{formId}/submissions";
    parameters: {
      path: { formId: string; };
      query: {};
      header: {};
    };
    requestBody: FormSubmissionInput;
    responses: {
      201: FormSubmission;
      401: Problem;
      403: Problem;
      404: Problem;
      409: Problem;
      422: Problem;
      429: Problem;
      "default": Problem;
    };
  };
  submitPublicForm: {
    /** Answer a form through its public link. */
    method: "POST";
    path: "/v1/public/form/submissions";
    parameters: {
      path: {};
      query: {};
      header: { "X-Form-Token": string; "X-Resume-Token"?: string; };
    };
    requestBody: FormSubmissionInput;
    responses: {
      201: PublicFormSubmission;
      400: Problem;
      401: Problem;
      410: Problem;
      422: Problem;
      429: Problem;
      "default": Problem;
    };
  };
  updateAISettings: {
    /** Change the workspace's provider order, budgets, models and keys (admins; audited without the keys). */
    method: "PUT";
    path: "/v1/ai/settings";
    parameters: {
      path: {};
      query: {};
      header: {};
    };
    requestBody: AISettingsInput;
    responses: {
      200: AISettings;
      400: Problem;
      401: Problem;
      403: Problem;
      415: Problem;
      422: Problem;
      429: Problem;
      "default": Problem;
    };
  };
  updateAppointment: {
    /** Change an appointment's details. */
    method: "PUT";
    path: "/v1/appointments/{appointmentId}";
    parameters: {
      path: { appointmentId: string; };
      query: {};
      header: { "If-Match"?: string; };
    };
    requestBody: AppointmentInput;
    responses: {
      200: Appointment;
      400: Problem;
      401: Problem;
      403: Problem;
      404: Problem;
      409: Problem;
      415: Problem;
      422: Problem;
      428: Problem;
      429: Problem;
      "default": Problem;
    };
  };
  updateBoardSettings: {
    /** Change the board's columns and time zone. */
    method: "PUT";
    path: "/v1/board/settings";
    parameters: {
      path: {};
      query: {};
      header: {};
    };
    requestBody: BoardSettingsInput;
    responses: {
      200: BoardSettings;
      400: Problem;
      401: Problem;
      403: Problem;
      415: Problem;
      422: Problem;
      429: Problem;
      "default": Problem;
    };
  };
  updateFlag: {
    /** Replace a feature flag's definition. */
    method: "PUT";
    path: "/v1/flags/{name}";
    parameters: {
      path: { name: string; };
      query: {};
      header: {};
    };
    requestBody: FlagInput;
    responses: {
      200: Flag;
      400: Problem;
      401: Problem;
      403: Problem;
      404: Problem;
      409: Problem;
      422: Problem;
      429: Problem;
      "default": Problem;
    };
  };
  updateForm: {
    /** Replace a form's draft. */
    method: "PUT";
    path: "/v1/forms/{formId}";
    parameters: {
      path: { formId: string; };
      query: {};
      header: {};
    };
    requestBody: FormInput;
    responses: {
      200: Form;
      401: Problem;
      403: Problem;
      404: Problem;
      409: Problem;
      422: Problem;
      429: Problem;
      "default": Problem;
    };
  };
  updateProject: {
    /** Replace a project. */
    method: "PUT";
    path: "/v1/projects/{projectId}";
    parameters: {
      path: { projectId: string; };
      query: {};
      header: {};
    };
    requestBody: ProjectInput;
    responses: {
      200: Project;
      400: Problem;
      401: Problem;
      403: Problem;
      404: Problem;
      409: Problem;
      415: Problem;
      422: Problem;
      429: Problem;
      "default": Problem;
    };
  };
  updateService: {
    /** Replace a service. */
    method: "PUT";
    path: "/v1/services/{serviceId}";
    parameters: {
      path: { serviceId: string; };
      query: {};
      header: {};
    };
    requestBody: ServiceInput;
    responses: {
      200: Service;
      400: Problem;
      401: Problem;
      403: Problem;
      404: Problem;
      409: Problem;
      415: Problem;
      422: Problem;
      429: Problem;
      "default": Problem;
    };
  };
  uploadReportTemplate: {
    /** Upload a Word template. */
    method: "POST";
    path: "/v1/report-templates";
    parameters: {
      path: {};
      query: { name: string; };
      header: {};
    };
    requestBody: Blob;
    responses: {
      201: ReportTemplate;
      400: Problem;
      401: Problem;
      403: Problem;
      409: Problem;
      413: Problem;
      415: Problem;
      422: Problem;
      429: Problem;
      "default": Problem;
    };
  };
  validateProject: {
    /** Check a project draft without creating it. */
    method: "POST";
    path: "/v1/projects/validation";
    parameters: {
      path: {};
      query: {};
      header: {};
    };
    requestBody: ProjectInput;
    responses: {
      200: ProjectInput;
      400: Problem;
      401: Problem;
      403: Problem;
      415: Problem;
      422: Problem;
      429: Problem;
      "default": Problem;
    };
  };
}

/** A path template with each `{parameter}` as any text. */
export type FilledPath<P extends string> = P extends `${infer Head}{${string}}${infer Tail}`
  ? `${Head}${string}${FilledPath<Tail>}`
  : P;

/** The operations a method and a URL (with or without a query) may call. */
export type OperationAt<M extends string, U extends string> = {
  [K in keyof Operations]: Operations[K]["method"] extends Uppercase<M>
    ? U extends FilledPath<Operations[K]["path"]> | `${FilledPath<Operations[K]["path"]>}?${string}`
      ? Operations[K]
      : never
    : never;
}[keyof Operations];

/** What an operation's successful answer carries. */
export type SuccessOf<O> = O extends { responses: infer R } ? R[Extract<keyof R, 200 | 201 | 202 | 204>] : unknown;

/** What an operation's request carries. */
export type RequestBodyOf<O> = O extends { requestBody: infer B } ? B : unknown;

/** `T`, or `Fallback` when `T` is `never` (a URL known only at run time). */
export type OrElse<T, Fallback> = [T] extends [never] ? Fallback : T;

/** What a call of `method` on `url` sends: the operation's body, or `unknown` when no operation is known. */
export type CallBody<M extends string, U extends string> = OrElse<RequestBodyOf<OperationAt<M, U>>, unknown>;

/** What a call of `method` on `url` answers: the operation's success, or `any` when no operation is known. */
export type CallAnswer<M extends string, U extends string> = OrElse<SuccessOf<OperationAt<M, U>>, any>;
