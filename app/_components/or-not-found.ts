import { notFound } from "next/navigation";
import { AppError } from "@/lib/core/errors";

/** A page's data, or the 404 page where the domain answers 404 (unknown, or hidden from this viewer). */
export async function orNotFound<T>(loading: Promise<T>): Promise<T> {
  try {
    return await loading;
  } catch (error) {
    if (error instanceof AppError && error.status === 404) notFound();
    throw error;
  }
}
