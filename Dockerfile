# sharecast as a container: the command line from compiled code, for shards of a run on a cluster
# (deploy/job.yaml, docs/shards.md). Build: docker build -t sharecast:0.1.0 .
# Scenarios in the image are JSON or YAML (deploy/bench-six.json, the default scenario); a TypeScript
# scenario needs tsx, a development dependency left out of the runtime image.
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts
COPY . .
RUN npm run build && npm prune --omit=dev

FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production
COPY --from=build /app/package.json /app/package-lock.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/bin ./bin
COPY --from=build /app/schema ./schema
COPY --from=build /app/scenarios ./scenarios
COPY --from=build /app/deploy ./deploy
RUN mkdir -p /results && chown node:node /results
USER node
# The pod's command is deploy/shard.sh (JOB_COMPLETION_INDEX, SHARDS, PATHS, ROUND in the environment).
ENTRYPOINT ["sh"]
CMD ["deploy/shard.sh"]
