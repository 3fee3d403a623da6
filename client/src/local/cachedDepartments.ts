/**
 * The department list (`GET /api/departments`), remembered in this browser so screens that
 * name departments also work offline. The last answer is used when the network fails.
 */
import { type DepartmentSummary, fetchDepartments } from '../api';

const KEY = 'foljsam.departments';

export async function fetchDepartmentsOfflineFirst(): Promise<DepartmentSummary[]> {
  try {
    const departments = await fetchDepartments();
    try {
      localStorage.setItem(KEY, JSON.stringify(departments));
    } catch {
      // Storage disabled: online only.
    }
    return departments;
  } catch (error) {
    try {
      const cached = localStorage.getItem(KEY);
      if (cached) return JSON.parse(cached) as DepartmentSummary[];
    } catch {
      // fall through
    }
    throw error;
  }
}
