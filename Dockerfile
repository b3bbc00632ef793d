# syntax=docker/dockerfile:1
# lead-router: multi-stage build on node:24-slim; runs as the non-root `node` user.
# TypeScript runs directly on Node 24 (type stripping), so there is no compile stage:
# the build stage only installs production dependencies.

FROM node:24-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
# --omit=dev: no jest/typescript, and no `node` npm package (the image already has Node 24).
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund && npm cache clean --force

# The admin console's front end (src/console, Preact + htm) bundled by esbuild: build tools
# only here, the runtime image gets the built files (console.js/.css and chunks/ loaded on demand).
FROM node:24-slim AS console
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY scripts/build-console.ts ./scripts/
COPY src/console ./src/console
COPY config/lead-router.schema.json ./config/
RUN node scripts/build-console.ts

FROM node:24-slim AS runtime
ENV NODE_ENV=production \
    PORT=3000 \
    DATABASE_URL=/app/data/lead-router.db \
    LEAD_ROUTER_CONFIG=/app/config/lead-router.yaml
WORKDIR /app
COPY --from=deps --chown=node:node /app/node_modules ./node_modules
COPY --chown=node:node package.json ./
COPY --chown=node:node src ./src
COPY --chown=node:node connectors ./connectors
COPY --chown=node:node config ./config
COPY --from=console --chown=node:node /app/dist/console ./dist/console
RUN mkdir -p /app/data && chown node:node /app/data
USER node
EXPOSE 3000
VOLUME ["/app/data"]
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/healthz').then(r=>process.exit(r.ok?0:1)).catch(()=>process.exit(1))"]
# exec form: Node is PID 1's child-free process and receives SIGTERM directly for a clean drain.
CMD ["node", "src/cli/bin.ts", "serve"]
