# The service image: `docker compose --profile scale up` runs it (see README, "Scale-out").
# Build stage: all dependencies, `nest build`, then only the production dependencies are kept.
FROM node:20-bookworm AS build
WORKDIR /app
COPY package.json package-lock.json ./
# npm ci refuses the lock file where a registry mirror lacks other platforms' optional binaries (see README)
RUN npm ci --no-audit --no-fund || npm install --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json nest-cli.json ./
COPY src src
COPY migrations migrations
COPY config config
RUN npx nest build && npm prune --omit=dev --no-audit --no-fund

# Run stage: compiled code, production dependencies, guideline and text configuration; as the unprivileged user node.
FROM node:20-bookworm-slim
ENV NODE_ENV=production
# V8's memory settings, as package.json config.nodeOptions gives them to the start scripts (README, Leistung)
ENV NODE_OPTIONS="--max-semi-space-size=8 --max-old-space-size=512"
WORKDIR /app
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules node_modules
COPY --from=build /app/dist dist
COPY config config
RUN mkdir -p var/documents var/audit/checkpoints && chown -R node:node var
USER node
EXPOSE 3000
# SIGTERM is handled (graceful shutdown within SHUTDOWN_TIMEOUT_MS): node runs as PID 1 with its own handlers.
CMD ["node", "dist/src/main.js"]
