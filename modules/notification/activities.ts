// Email for every transition that someone must hear about, reminders and escalations
// included, and the daily digest. Each message is sent at most once per deterministic key:
// the row is read before sending and marked SENT right after, so a retried activity sends
// nothing that was recorded as sent. Once the relay has accepted a message, recording it is
// retried inside the activity (for up to a minute) instead of failing the activity, whose
// retry would send it again: a database outage right after a send no longer doubles it.
// If recording still fails — the outage outlasts the minute, or the worker dies while it waits
// — the accepted key is already in Temporal, as the attempt's heartbeat details, and the next
// attempt records it instead of sending it again. The window left is a worker dying in the
// milliseconds between the relay's acceptance and the database's refusal; a duplicate from it
// carries the same Message-ID, so mail clients and people can recognise it.
import { createHash, randomUUID } from 'node:crypto';
import { Context } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';
import { createRecipientDirectory } from './recipient-directory';
import type { PrismaClient } from '../../generated/prisma/client';
import { plainSql } from '../../platform/db/plain-sql';
import type { RecipientFunction } from '../certification/workflow-api';
import { audienceFor } from '../certification/workflow-api';
import type { Mailer } from '../../platform/mail/mailer';
import type { DigestItem, Locale, RenderedMessage } from '../certification/workflow-api';
import { render, renderDigest } from '../certification/workflow-api';

export interface NotificationFaults {
  /** Test hook: runs after a message was sent and recorded, before the activity returns. */
  afterRecorded?(key: string): void;
  /** Test hook: how long recording a sent message is retried (default a minute). */
  recordSentWindowMs?: number;
}

export interface NotifyTransitionArgs {
  certificationId: string;
  revision: number;
  action: string;
  reason: string | null;
  details: Record<string, unknown>;
  status: string;
  officeId: string;
  countyId: string;
  cityId: string;
  certificateNumber: string | null;
  due: { kind: string; dueAt: number } | null;
  /** The workflow's retry limit, so the last attempt can mark what failed. */
  maxAttempts: number;
}

export interface NotifyResult {
  sent: number;
  alreadySent: number;
  skipped: number;
}

const CITY_PARTY_KINDS = [
  'DECLARATION_REVIEW',
  'VERIFICATION_DECISION',
  'CHECK_DECISION',
  'RECTIFICATION_VERIFICATION',
];
const COUNTY_PARTY_KINDS = ['DECLARATION_REVISION', 'RECTIFICATION_DEADLINE'];
const DIGEST_HORIZON_MS = 7 * 86_400_000;

/** How long recording a sent message is retried before the activity gives up (and may resend). */
const RECORD_SENT_WINDOW_MS = 60_000;
const RECORD_SENT_MAX_DELAY_MS = 5_000;

export function messageIdFor(key: string): string {
  return `<${createHash('sha256').update(key).digest('hex').slice(0, 40)}@fengqiao.local>`;
}

export interface OutboxDeps {
  prisma: PrismaClient;
  mailer: Mailer;
  faults?: NotificationFaults;
}

/**
 * Sending one message once per key, and finding recipients by function: shared by the
 * certification notifications here and the campaign notices (activities/campaigns.ts).
 */
/** One message for one recipient; `key` makes it once-only. */
export interface OutgoingMessage {
  key: string;
  /** A NotificationKind or a CampaignNoticeKind. */
  kind: string;
  certificationId: string | null;
  /** Where the recipient sits (city, county or null): scopes the notification log. */
  recipient: { id: string; email: string; locale: string; cityId: string; countyId: string | null };
  message: RenderedMessage;
}

export function localeOf(value: string): Locale {
  return value === 'en' ? 'en' : 'zh-CN';
}

/** Whether this activity attempt is the last one its workflow allows. */
export function isFinalAttempt(maxAttempts: number): boolean {
  let attempt = 1; // called directly, outside an activity (unit tests)
  try {
    attempt = Context.current().info.attempt;
  } catch {
    // not in an activity
  }
  return attempt >= maxAttempts;
}

/** The running activity attempt's context, or null when called directly (unit tests). */
function currentActivity(): Context | null {
  try {
    return Context.current();
  } catch {
    return null;
  }
}

/** What an attempt leaves in Temporal for the next one: the keys the relay has accepted. */
interface RelayReceipt {
  relayAccepted: string[];
}

/** What a transition's notice says about its certification and the reminder check reads. */
interface NoticeFacts {
  nextDueKind: string | null;
  nextDueAt: Date | null;
  officeName: string;
  countyName: string;
  cityName: string;
}

function isRelayReceipt(value: unknown): value is RelayReceipt {
  return (
    typeof value === 'object' &&
    value !== null &&
    Array.isArray((value as RelayReceipt).relayAccepted) &&
    (value as RelayReceipt).relayAccepted.every((key) => typeof key === 'string')
  );
}

export function createOutbox(deps: OutboxDeps) {
  const { prisma, mailer } = deps;
  const directory = createRecipientDirectory(prisma);
  const recordSentWindowMs = deps.faults?.recordSentWindowMs ?? RECORD_SENT_WINDOW_MS;
  /**
   * Per activity attempt: the keys the relay accepted in this activity that are not yet recorded
   * as sent, this attempt's and the earlier attempts' (from their heartbeat details), so every
   * heartbeat carries them all.
   */
  const acceptedByAttempt = new WeakMap<Context, Set<string>>();

  function relayAccepted(activity: Context): Set<string> {
    let keys = acceptedByAttempt.get(activity);
    if (!keys) {
      const earlier: unknown = activity.info.heartbeatDetails;
      keys = new Set(isRelayReceipt(earlier) ? earlier.relayAccepted : []);
      acceptedByAttempt.set(activity, keys);
    }
    return keys;
  }

  async function sendOnce(
    args: OutgoingMessage & { finalAttempt: boolean },
  ): Promise<'sent' | 'already'> {
    const { key, recipient, message } = args;
    // One statement records the message (once per key) and counts this attempt, unless it was
    // sent already: three round trips per message were most of a transition's notice time.
    const [row] = await plainSql(prisma)<{ status: string; messageId: string }>`
      INSERT INTO "Notification" ("id", "key", "messageId", "kind", "certificationId",
        "recipientId", "cityId", "countyId", "email", "locale", "subject", "status", "attempts")
      VALUES (${randomUUID()}, ${key}, ${messageIdFor(key)}, ${args.kind}, ${args.certificationId},
        ${recipient.id}, ${recipient.cityId}, ${recipient.countyId}, ${recipient.email},
        ${recipient.locale}, ${message.subject}, 'PENDING', 1)
      ON CONFLICT ("key") DO UPDATE SET "attempts" = CASE
        WHEN "Notification"."status" = 'SENT' THEN "Notification"."attempts"
        ELSE "Notification"."attempts" + 1 END
      RETURNING "status", "messageId"`;
    if (!row) throw new Error(`the outbox kept no row for ${key}`);
    if (row.status === 'SENT') return 'already';
    const activity = currentActivity();
    if (activity && relayAccepted(activity).has(key)) {
      // An earlier attempt handed it to the relay and could not record it: record, not resend.
      await recordSent(key, activity);
      return 'already';
    }
    try {
      await mailer.send({
        to: recipient.email,
        subject: message.subject,
        text: message.text,
        html: message.html,
        messageId: row.messageId,
        locale: recipient.locale,
        certificationId: args.certificationId,
      });
    } catch (error) {
      await prisma.notification.update({
        where: { key },
        data: { lastError: String(error), status: args.finalAttempt ? 'FAILED' : 'PENDING' },
      });
      throw error;
    }
    if (activity) relayAccepted(activity).add(key);
    await recordSent(key, activity);
    deps.faults?.afterRecorded?.(key);
    return 'sent';
  }

  /**
   * Marks a message SENT, retrying with backoff through a short database outage: the relay has
   * the message, so failing here would make Temporal retry the activity and send it twice. The
   * first failure puts the accepted keys into Temporal (a heartbeat's details, which the next
   * attempt reads), so neither a longer outage nor the worker's death in the meantime resends.
   * Only a failure reports them: the first heartbeat of an attempt goes out at once, later ones
   * are throttled, and the normal path needs none.
   */
  async function recordSent(key: string, activity: Context | null): Promise<void> {
    const giveUpAt = Date.now() + recordSentWindowMs;
    for (let delay = 250; ; delay = Math.min(delay * 2, RECORD_SENT_MAX_DELAY_MS)) {
      try {
        await plainSql(prisma)`
          UPDATE "Notification" SET "status" = 'SENT', "sentAt" = ${new Date()}::timestamp(3),
            "lastError" = NULL
          WHERE "key" = ${key}`;
        // Recorded: the database answers for it from now on, not the heartbeat.
        if (activity) relayAccepted(activity).delete(key);
        return;
      } catch (error) {
        if (activity) {
          const receipt: RelayReceipt = { relayAccepted: [...relayAccepted(activity)] };
          activity.heartbeat(receipt);
        }
        if (Date.now() + delay > giveUpAt) throw error;
        await new Promise((resolve) => setTimeout(resolve, delay));
      }
    }
  }

  /**
   * Recipients holding the functions — county functions in `countyId`, city functions in the
   * city — from the extra addresses, the users and the county heads (db/recipient-directory.ts).
   */
  function recipientsFor(
    functions: RecipientFunction[],
    scope: { cityId: string; countyId: string | null },
  ) {
    return directory.holders(functions, scope);
  }

  /**
   * Sends each message once, going on past a failed one so one bad address does not hold up
   * the rest; if any failed, throws a retryable failure: Temporal retries with backoff, and
   * messages already recorded as sent are not sent again.
   */
  async function sendEach(
    messages: readonly OutgoingMessage[],
    finalAttempt: boolean,
    result: NotifyResult,
  ): Promise<NotifyResult> {
    const failures: string[] = [];
    for (const message of messages) {
      try {
        const outcome = await sendOnce({ ...message, finalAttempt });
        if (outcome === 'sent') result.sent += 1;
        else result.alreadySent += 1;
      } catch (error) {
        failures.push(`${message.recipient.email}: ${String(error)}`);
      }
    }
    if (failures.length > 0) {
      throw ApplicationFailure.retryable(
        `could not send ${failures.length} message(s): ${failures.join('; ')}`,
        'SmtpFailure',
      );
    }
    return result;
  }

  return { sendOnce, sendEach, recipientsFor };
}

export function createNotificationActivities(deps: OutboxDeps) {
  const { prisma } = deps;
  const { sendOnce, sendEach, recipientsFor } = createOutbox(deps);
  const directory = createRecipientDirectory(prisma);

  return {
    async notifyTransition(args: NotifyTransitionArgs): Promise<NotifyResult> {
      const result: NotifyResult = { sent: 0, alreadySent: 0, skipped: 0 };
      const audience = audienceFor({ action: args.action, details: args.details });
      if (!audience) return result;
      // Only what the notice says and the reminder check reads, not the stored state; read
      // beside the recipients, as neither waits for the other.
      const [[certification], recipients] = await Promise.all([
        plainSql(prisma)<NoticeFacts>`
        SELECT c."nextDueKind", c."nextDueAt", o.name AS "officeName",
               county.name AS "countyName", city.name AS "cityName"
        FROM "Certification" c
        JOIN "Office" o ON o.id = c."officeId"
        JOIN "County" county ON county.id = o."countyId"
        JOIN "City" city ON city.id = county."cityId"
        WHERE c.id = ${args.certificationId}`,
        recipientsFor(audience.functions, args),
      ]);
      if (!certification)
        throw new Error(`certification ${args.certificationId} is not projected yet`);
      if (
        args.action === 'REMINDED' &&
        (certification.nextDueKind !== args.details.dueKind ||
          certification.nextDueAt?.getTime() !== args.details.dueAt)
      ) {
        // The step was done (or the due date moved) since the reminder was decided.
        result.skipped += 1;
        return result;
      }
      const messages = recipients.map((recipient): OutgoingMessage => {
        const locale = localeOf(recipient.locale);
        const dueKind =
          typeof args.details.dueKind === 'string' ? args.details.dueKind : args.due?.kind;
        const dueAt = typeof args.details.dueAt === 'number' ? args.details.dueAt : args.due?.dueAt;
        const message = render(audience.kind, locale, {
          officeName: certification.officeName,
          countyName: certification.countyName,
          cityName: certification.cityName,
          certificationId: args.certificationId,
          status: args.status,
          action: args.action,
          reason: args.reason,
          details: args.details,
          certificateNumber: args.certificateNumber,
          dueKind: dueKind ?? null,
          dueAt: dueAt ?? null,
          detail:
            typeof args.details.target === 'string'
              ? args.details.target
              : typeof args.details.offset === 'string'
                ? args.details.offset
                : null,
        });
        return {
          key: `${args.certificationId}:${args.revision}:${recipient.id}`,
          kind: audience.kind,
          certificationId: args.certificationId,
          recipient,
          message,
        };
      });
      return sendEach(messages, isFinalAttempt(args.maxAttempts), result);
    },

    async sendDailyDigests(args: { date: string; now: number }): Promise<NotifyResult> {
      const result: NotifyResult = { sent: 0, alreadySent: 0, skipped: 0 };
      const recipients = await directory.digestRecipients();
      for (const recipient of recipients) {
        const countyParty = recipient.digestFunction === 'COUNTY_OPERATOR';
        const rows = await prisma.certification.findMany({
          where: {
            cityId: recipient.cityId,
            ...(countyParty ? { countyId: recipient.countyId ?? '' } : {}),
            nextDueKind: { in: countyParty ? COUNTY_PARTY_KINDS : CITY_PARTY_KINDS },
            nextDueAt: { lte: new Date(args.now + DIGEST_HORIZON_MS) },
          },
          include: { office: { include: { county: true } } },
          orderBy: { nextDueAt: 'asc' },
        });
        if (rows.length === 0) {
          result.skipped += 1; // nothing to say: no digest
          continue;
        }
        const items: DigestItem[] = rows.map((row) => ({
          officeName: row.office.name,
          countyName: row.office.county.name,
          dueKind: row.nextDueKind ?? '',
          dueAt: row.nextDueAt?.getTime() ?? args.now,
          overdue: (row.nextDueAt?.getTime() ?? Infinity) < args.now,
        }));
        const locale = localeOf(recipient.locale);
        const outcome = await sendOnce({
          key: `digest:${args.date}:${recipient.id}`,
          kind: 'DAILY_DIGEST',
          certificationId: null,
          recipient,
          message: renderDigest(locale, args.date, items),
          finalAttempt: false,
        });
        if (outcome === 'sent') result.sent += 1;
        else result.alreadySent += 1;
      }
      return result;
    },
  };
}

export type NotificationActivities = ReturnType<typeof createNotificationActivities>;
