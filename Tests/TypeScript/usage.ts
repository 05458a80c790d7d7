// Calls as the web UI writes them, type-checked against the declarations generated from the
// OpenAPI document (Web/bulletin-api.d.ts) through api.js's JSDoc. Each @ts-expect-error line
// must be an error: were the types too loose to catch it, tsc would fail on the directive.
import type { Board, Operations } from "../../Sources/BulletinServer/Web/bulletin-api";
import { call } from "../../Sources/BulletinServer/Web/api.js";

export async function usage(): Promise<number> {
  const board: Board = await call("GET", "/v1/board?date=2026-12-06");
  const first: string = board.columns[0].status;
  const wip: number | null = board.columns[0].wipLimit;
  // @ts-expect-error: a board has its cards in its columns, not at its top
  board.cards;

  const moved = await call("POST", "/v1/appointments/01ABC/move", { status: "ready", beforeId: "01DEF" });
  const version: number = moved.version;
  // @ts-expect-error: "done" is no column of the board
  await call("POST", "/v1/appointments/01ABC/move", { status: "done" });
  // @ts-expect-error: a move names its column as `status`
  await call("POST", "/v1/appointments/01ABC/move", { column: "ready" });

  const stats = await call("GET", "/v1/board/stats?date=2026-12-06");
  // @ts-expect-error: the day's count is a number
  const jobs: string = stats.jobsToday;

  const service: Operations["createService"]["requestBody"] = { code: "OIL001", name: "Oil change", durationMinutes: 30, price: 49.95 };
  // @ts-expect-error: a service needs its code
  const nameless: Operations["createService"]["requestBody"] = { name: "Oil change", durationMinutes: 30, price: 49.95 };

  // A URL known only at run time is still allowed, untyped.
  const path: string = `/v1/projects/${first}`;
  const anything = await call("GET", path);
  return version + (wip ?? 0) + service.price + (anything ? 1 : 0) + jobs.length + nameless.price;
}
