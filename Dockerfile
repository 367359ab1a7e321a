# syntax=docker/dockerfile:1
# One image for every app process: the API (default command), the Temporal worker and the
# one-shot migration job (docker-compose.yml overrides the command for the last two).

FROM node:20-bookworm-slim AS build
WORKDIR /app
# `npm ci` runs the postinstall `prisma generate`, which reads the schema and prisma.config.ts:
# they must be in place before the install, and copying them alone keeps this layer cached
# until the dependencies or the schema change.
COPY package.json package-lock.json prisma.config.ts ./
COPY prisma ./prisma
RUN npm ci
COPY . .
RUN npm run build

FROM node:20-bookworm-slim AS runtime
# HOST: a container is reached from outside its own loopback interface.
# CHECKPOINT_DISABLE: the Prisma CLI (run by the migration job) otherwise checks for updates
# on every call.
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000 \
    CHECKPOINT_DISABLE=1
WORKDIR /app
# The whole node_modules, dev dependencies included: the migration job runs the `prisma` CLI,
# which package.json lists as a dev dependency. Moving it to dependencies would allow an
# `npm prune --omit=dev` here and a much smaller image.
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/package.json /app/prisma.config.ts ./
COPY --from=build /app/prisma ./prisma
COPY --from=build /app/dist ./dist
# Files stay owned by root, so the app cannot rewrite its own code; it runs as `node`.
USER node
EXPOSE 3000
CMD ["node", "dist/api/server.js"]
