# tollwatch's dashboard and API in a container:
#   docker build -t tollwatch . && docker run -p 8000:8000 -v tollwatch-data:/data tollwatch
# The ledger lives in the /data volume. Give a token for writes with -e TOLLWATCH_TOKEN=..., and the
# host name users browse to with: docker run ... tollwatch serve --host 0.0.0.0 --allow-host NAME
FROM python:3.11-slim

WORKDIR /src
COPY pyproject.toml README.md LICENSE MANIFEST.in ./
COPY src ./src
RUN pip install --no-cache-dir '.[web,parquet,postgres]' \
    && useradd --create-home --uid 10001 tollwatch \
    && mkdir /data && chown tollwatch /data

USER tollwatch
WORKDIR /data
ENV TOLLWATCH_DB=/data/tollwatch.db
# build the gazetteer cache once, into the image, instead of at the first request
RUN tollwatch places Damascus > /dev/null

VOLUME /data
EXPOSE 8000
HEALTHCHECK CMD python -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/healthz', timeout=3)"
ENTRYPOINT ["tollwatch"]
CMD ["serve", "--host", "0.0.0.0", "--port", "8000"]
