// The staff API's shapes (docs/reports.md, "Staff API").
import type { PublicReport, ReportStatus } from "../reports_types";

/** A line of the inbox (GET …/reports/cases). */
export interface CaseSummary {
  id: number;
  category: string;
  department: string;
  status: ReportStatus;
  published: boolean;
  district: string | null;
  address: string;
  lat: number | null;
  lon: number | null;
  /** The first 200 bytes. */
  description: string;
  supporters: number;
  created_at: string;
  updated_at: string;
}

/** A whole case (GET/PATCH …/reports/cases/{id}): photos with `hidden`, history with `internal`. */
export interface CaseDetail extends PublicReport {
  published: boolean;
  department: string;
  email: string | null;
  name: string | null;
  personal_data_deleted: boolean;
  source?: string;
  locale?: string;
}

/** What PATCH …/reports/cases/{id} takes; only the fields that change are sent. */
export interface CaseChange {
  status?: ReportStatus;
  public_answer?: string;
  comment?: string;
  category?: string;
  department?: string;
  forwarded_to?: string;
  duplicate_of?: number;
  published?: boolean;
}
