# The gateway for real DynamoDB (DYNAMODB_USE_AWS=true): see README, "Running on AWS".
# Not built or run on the machine this project is developed on (no Docker there): keep it simple.
#
#   docker build -t disruption-gateway .
#   docker run -p 4000:4000 -e AWS_REGION=eu-west-1 -e TABLE_NAME=AirlineOps -e CURSOR_SECRET=... \
#     -e AUTH_JWKS_URL=... -e AUTH_ISSUER=... -e AUTH_AUDIENCE=... disruption-gateway

# Build stage: the TypeScript compiler is a devDependency, so dist/ is built here, with every dependency.
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
# --ignore-scripts: `prepare` would build before the sources are copied.
RUN npm ci --ignore-scripts
COPY tsconfig.json ./
COPY scripts ./scripts
COPY entities ./entities
COPY db ./db
COPY seed ./seed
COPY src ./src
COPY bench ./bench
RUN node scripts/ensure-built.mjs --force

# Runtime stage: production dependencies and the compiled code only; no compiler, no sources, not root.
FROM node:20-bookworm-slim
ENV NODE_ENV=production \
    DYNAMODB_USE_AWS=true \
    HOST=0.0.0.0 \
    PORT=4000 \
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED=true
WORKDIR /app
COPY package.json package-lock.json ./
# --ignore-scripts: `prepare` (scripts/ensure-built.mjs) would look for the sources and tsc, which this stage has not.
RUN npm ci --omit=dev --ignore-scripts && npm cache clean --force
COPY --from=build /app/dist ./dist
# The bundled sample: SEED_DATA_DIR of the admin seed mutation (a real export is mounted over it, or set SEED_DATA_DIR).
COPY seed/data ./seed/data
USER node
EXPOSE 4000
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 4000) + '/health/ready').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# node, not `npm start`: its prestart hook would try to compile (scripts/ensure-built.mjs), and npm would sit between the
# process and SIGTERM, which drains the requests.
CMD ["node", "--enable-source-maps", "dist/src/main.js"]
