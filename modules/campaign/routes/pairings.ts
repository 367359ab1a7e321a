// Pairing routes (挂钩结对, seed 002): the city pairs a department of its bureau with offices
// for a campaign and records the responsibility letter (责任状) each pair signed. Everyone in
// the city reads the pairings (county operators: their county's offices); the signing rate
// appears in the campaign's progress and the pairing on the office.
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { CreatePairingsInput, ResponsibilityLetterInput } from '../rules/pairing';
import { chinaDate } from '../../shared';
import type { PrismaClient } from '../../../generated/prisma/client';
import type { PairingRow } from '../store';
import {
  createPairings,
  findPairing,
  listPairings,
  officesInCity,
  pairedOffices,
  pairingWithOffice,
  pairingsByIds,
  recordLetter,
} from '../store';
import { isUniqueViolation } from '../../../platform/db/unique-violation';
import { campaignFor, countyScope } from './campaigns';
import { conflict, notFound, unprocessable } from '../../../platform/http/problems';
import type { RouteSpec } from '../../access';
import { route } from '../../access';
import { IdParams, ALL_ROLES, CITY_ROLES } from '../../shared';
import { itemsOf } from '../../../platform/http/response-schemas';
import { CampaignPairing } from '../responses';

export interface CampaignPairingDeps {
  prisma: PrismaClient;
  clock?: () => Date;
}

const PairingParams = IdParams.extend({ pairingId: z.string().min(1).max(100) });
const PairingQuery = z.object({
  countyId: z.string().min(1).max(100).optional(),
  department: z.string().trim().min(1).max(100).optional(),
  signed: z.enum(['true', 'false']).optional(),
});

/** Campaigns no longer running take no new pairings or letters. */
const FINISHED = ['CLOSED', 'CANCELLED'];

export function presentPairing(p: PairingRow) {
  return {
    id: p.id,
    campaignId: p.campaignId,
    countyId: p.countyId,
    officeId: p.officeId,
    officeName: p.office.name,
    officeCode: p.office.code,
    department: p.department,
    responsibilities: p.responsibilities,
    createdBy: p.createdBy,
    createdAt: p.createdAt.toISOString(),
    letter: p.letterSignedOn
      ? {
          signedOn: p.letterSignedOn.toISOString().slice(0, 10),
          signatories: p.letterSignatories,
          attachment: p.letterAttachment,
          recordedBy: p.letterRecordedBy,
          recordedAt: p.letterRecordedAt?.toISOString() ?? null,
        }
      : null,
  };
}

export function campaignPairingRoutes(deps: CampaignPairingDeps): RouteSpec[] {
  const { prisma } = deps;
  const clock = deps.clock ?? (() => new Date());
  const base = '/api/v1/campaigns/:id/pairings';

  const create = route({
    method: 'post',
    path: base,
    tag: 'Campaigns',
    summary: 'Pair a department of the city bureau with offices for the campaign (挂钩结对)',
    roles: CITY_ROLES,
    params: IdParams,
    body: CreatePairingsInput,
    responses: {
      201: {
        description: 'The pairings created, one per office',
        schema: itemsOf(CampaignPairing),
      },
    },
    handler: async ({ principal, params, body, requestId }) => {
      const campaign = await campaignFor(prisma, principal, params.id);
      if (FINISHED.includes(campaign.status)) {
        throw conflict(`the campaign is ${campaign.status}; it takes no new pairings`);
      }
      const found = await officesInCity(prisma, campaign.cityId, body.officeIds);
      const strangers = body.officeIds.flatMap((id, i) => (found.has(id) ? [] : [i]));
      if (strangers.length > 0) {
        throw unprocessable(
          'offices not in the city',
          strangers.map((i) => ({ field: `officeIds.${i}`, message: 'no such office' })),
        );
      }
      const paired = await pairedOffices(prisma, campaign.id, body.officeIds);
      if (paired.length > 0) {
        throw conflict(
          `already paired in this campaign: ${paired.map((p) => `${p.officeId} (${p.department})`).join(', ')}`,
        );
      }
      const now = clock();
      const rows = body.officeIds.map((officeId) => ({
        id: randomUUID(),
        campaignId: campaign.id,
        cityId: campaign.cityId,
        countyId: found.get(officeId)!.countyId,
        officeId,
        department: body.department,
        responsibilities: body.responsibilities ?? null,
        createdBy: principal.id,
        createdAt: now,
      }));
      try {
        await createPairings(prisma, rows, { campaign, actor: principal, requestId, now });
      } catch (error) {
        if (isUniqueViolation(error)) throw conflict('an office was paired meanwhile; try again');
        throw error;
      }
      const created = await pairingsByIds(
        prisma,
        rows.map((r) => r.id),
      );
      return { status: 201, body: { items: created.map(presentPairing) } };
    },
  });

  const list = route({
    method: 'get',
    path: base,
    tag: 'Campaigns',
    summary: 'Pairings of a campaign with their letters (county operators: their county)',
    roles: ALL_ROLES,
    params: IdParams,
    query: PairingQuery,
    responses: {
      200: {
        description: 'Pairings by county, department and office',
        schema: itemsOf(CampaignPairing),
      },
    },
    handler: async ({ principal, params, query }) => {
      await campaignFor(prisma, principal, params.id);
      const countyId = countyScope(principal, query.countyId);
      const rows = await listPairings(prisma, params.id, {
        countyId,
        department: query.department,
        signed: query.signed === undefined ? undefined : query.signed === 'true',
      });
      return { status: 200, body: { items: rows.map(presentPairing) } };
    },
  });

  const letter = route({
    method: 'post',
    path: `${base}/:pairingId/letter`,
    tag: 'Campaigns',
    summary:
      'Record the responsibility letter (责任状) a pairing signed: date, signatories, file metadata',
    roles: CITY_ROLES,
    params: PairingParams,
    body: ResponsibilityLetterInput,
    responses: { 201: { description: 'The pairing with its letter', schema: CampaignPairing } },
    handler: async ({ principal, params, body, requestId }) => {
      const campaign = await campaignFor(prisma, principal, params.id);
      const pairing = await findPairing(prisma, params.pairingId);
      if (!pairing || pairing.campaignId !== campaign.id) {
        throw notFound(`pairing ${params.pairingId}`, 'pairingId');
      }
      if (FINISHED.includes(campaign.status)) {
        throw conflict(`the campaign is ${campaign.status}; it takes no new letters`);
      }
      const now = clock();
      if (body.signedOn > chinaDate(now.getTime())) {
        throw unprocessable('the letter is dated in the future', [
          { field: 'signedOn', message: 'must not be after today (China time)' },
        ]);
      }
      const recorded = await recordLetter(prisma, {
        campaign,
        pairing,
        input: body,
        actor: principal,
        requestId,
        now,
      });
      if (!recorded) throw conflict(`the letter of pairing ${pairing.id} is already recorded`);
      const signed = await pairingWithOffice(prisma, pairing.id);
      // No Location: the letter is part of its pairing, which the answer is, and the pairings
      // are read through their list.
      return { status: 201, body: presentPairing(signed) };
    },
  });

  return [create, list, letter];
}
