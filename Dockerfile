# Redraw in a container: built from this source tree, run as an unprivileged user with its data
# in the /data volume. compose.yaml runs it beside PostgreSQL; see README.md, "Container".

FROM eclipse-temurin:21-jdk AS build
WORKDIR /src
COPY mvnw pom.xml ./
COPY .mvn .mvn
COPY bot-core bot-core
COPY bot-discord bot-discord
COPY bot-telegram bot-telegram
COPY bot-app bot-app
RUN ./mvnw -B -ntp -q -pl bot-app -am package -DskipTests -Dspotless.check.skip

FROM eclipse-temurin:21-jre
# curl answers the health check; the bot runs as redraw (uid 10001), never as root.
RUN apt-get update \
    && apt-get install -y --no-install-recommends curl \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --system --uid 10001 --home-dir /data --shell /usr/sbin/nologin redraw \
    && mkdir -p /data \
    && chown redraw:redraw /data
COPY --from=build /src/bot-app/target/redraw.jar /app/redraw.jar
COPY config/container.yml /app/config/redraw.yml
USER redraw
WORKDIR /data
VOLUME /data
EXPOSE 8080
# Ready only while the database answers and every enabled platform is connected.
HEALTHCHECK --interval=30s --timeout=5s --start-period=90s --retries=3 \
    CMD curl -fsS http://127.0.0.1:8080/readyz || exit 1
# REDRAW_JAVA_OPTS: JVM flags, as for ./redraw (for example -Xmx512m).
ENTRYPOINT ["sh", "-c", "exec java $REDRAW_JAVA_OPTS -jar /app/redraw.jar --config /app/config/redraw.yml \"$@\"", "redraw"]
