#!/bin/bash
# User data of the Pritunl VPN server (Amazon Linux 2023, x86_64). src/vpn/user-data.ts puts
# the settings below the shebang (VPN_* variables) and this body after them; the launch template
# carries the result. Cloud-init runs it on the first boot; running it again changes nothing
# that is already in place (every step checks or overwrites to the same content).
#
# What it does: ships its own log and Pritunl's and MongoDB's to CloudWatch Logs; installs
# Pritunl and MongoDB at pinned versions from their official repositories (the Amazon Linux
# 2023 instructions of docs.pritunl.com and of MongoDB's manual); starts both; installs a
# systemd timer that dumps the Pritunl database to the backup bucket every day.
# It never prints the administrator password: read it through Session Manager (README).
set -euo pipefail

# Pritunl: https://github.com/pritunl/pritunl/blob/master/CHANGES (1.34.4681.89, 2026-07-07).
readonly PRITUNL_VERSION="1.34.4681.89"
# MongoDB 8.0 (a major release, Amazon Linux 2023 supported): 8.0.17 of 2025-12-19 fixes
# CVE-2025-14847 (MongoDB 8.0 release notes). MongoDB refuses to start on Linux kernels 6.19
# to 7.0.13 (same notes); the AL2023 default kernel is outside that range.
readonly MONGODB_SERIES="8.0"
readonly MONGODB_VERSION="8.0.17"

: "${VPN_REGION:?VPN_REGION is set by user-data.ts}"
: "${VPN_LOG_GROUP:?VPN_LOG_GROUP is set by user-data.ts}"
: "${VPN_BACKUP_BUCKET:?VPN_BACKUP_BUCKET is set by user-data.ts}"
: "${VPN_BACKUP_PREFIX:?VPN_BACKUP_PREFIX is set by user-data.ts}"

readonly BOOTSTRAP_LOG=/var/log/pritunl-bootstrap.log
readonly BACKUP_LOG=/var/log/pritunl-backup.log
exec > >(tee -a "$BOOTSTRAP_LOG") 2>&1
echo "bootstrap started $(date -u +%Y-%m-%dT%H:%M:%SZ)"

# Runs a command until it succeeds, 10 tries 15 s apart: the Elastic IP and the package
# mirrors may need a moment after boot.
retry() {
  local attempt
  for attempt in 1 2 3 4 5 6 7 8 9 10; do
    if "$@"; then return 0; fi
    echo "attempt $attempt of $* failed; retrying in 15 s"
    sleep 15
  done
  echo "giving up: $*"
  return 1
}

# True when the package with that name and version is installed.
installed() {
  rpm -q "$1-$2" > /dev/null 2>&1
}

# --- CloudWatch Logs ------------------------------------------------------------------------
# The log group exists (Terraform created it, KMS-encrypted with its retention); the agent only
# writes streams, named after the instance.
if ! rpm -q amazon-cloudwatch-agent > /dev/null 2>&1; then
  retry dnf -y install amazon-cloudwatch-agent
fi
install -d -m 0755 /opt/aws/amazon-cloudwatch-agent/etc
cat > /opt/aws/amazon-cloudwatch-agent/etc/pritunl-vpn.json <<EOF
{
  "agent": { "region": "$VPN_REGION", "logfile": "/opt/aws/amazon-cloudwatch-agent/logs/amazon-cloudwatch-agent.log" },
  "logs": {
    "logs_collected": {
      "files": {
        "collect_list": [
          { "file_path": "$BOOTSTRAP_LOG", "log_group_name": "$VPN_LOG_GROUP", "log_stream_name": "{instance_id}/bootstrap" },
          { "file_path": "/var/log/pritunl.log", "log_group_name": "$VPN_LOG_GROUP", "log_stream_name": "{instance_id}/pritunl" },
          { "file_path": "/var/log/mongodb/mongod.log", "log_group_name": "$VPN_LOG_GROUP", "log_stream_name": "{instance_id}/mongod" },
          { "file_path": "$BACKUP_LOG", "log_group_name": "$VPN_LOG_GROUP", "log_stream_name": "{instance_id}/backup" }
        ]
      }
    }
  }
}
EOF
/opt/aws/amazon-cloudwatch-agent/bin/amazon-cloudwatch-agent-ctl -a fetch-config -m ec2 \
  -c file:/opt/aws/amazon-cloudwatch-agent/etc/pritunl-vpn.json -s

# --- Packages -------------------------------------------------------------------------------
cat > /etc/yum.repos.d/mongodb-org-${MONGODB_SERIES}.repo <<EOF
[mongodb-org-${MONGODB_SERIES}]
name=MongoDB Repository
baseurl=https://repo.mongodb.org/yum/amazon/2023/mongodb-org/${MONGODB_SERIES}/x86_64/
gpgcheck=1
enabled=1
gpgkey=https://pgp.mongodb.com/server-${MONGODB_SERIES}.asc
EOF
cat > /etc/yum.repos.d/pritunl.repo <<'EOF'
[pritunl]
name=Pritunl Repository
baseurl=https://repo.pritunl.com/stable/yum/amazonlinux/2023/
gpgcheck=1
enabled=1
gpgkey=https://raw.githubusercontent.com/pritunl/pgp/master/pritunl_repo_pub.asc
EOF

if ! installed mongodb-org-server "$MONGODB_VERSION"; then
  retry dnf -y install \
    "mongodb-org-$MONGODB_VERSION" "mongodb-org-database-$MONGODB_VERSION" "mongodb-org-server-$MONGODB_VERSION" \
    "mongodb-org-mongos-$MONGODB_VERSION" "mongodb-org-tools-$MONGODB_VERSION" mongodb-mongosh
fi
if ! installed pritunl "$PRITUNL_VERSION"; then
  retry dnf -y --allowerasing install "pritunl-$PRITUNL_VERSION" pritunl-openvpn
fi
# Nothing upgrades them behind the pinned versions' back (an upgrade is a new version here).
if ! grep -q '^exclude=pritunl\* mongodb-org\*' /etc/dnf/dnf.conf; then
  echo 'exclude=pritunl* mongodb-org*' >> /etc/dnf/dnf.conf
fi

# --- Services -------------------------------------------------------------------------------
# Pritunl forwards and NATs client traffic into the VPC (the network interface's
# source/destination check is off); it sets this too, but only once a server starts.
cat > /etc/sysctl.d/90-pritunl-forwarding.conf <<'EOF'
net.ipv4.ip_forward = 1
EOF
sysctl -q --system
systemctl enable --now mongod
pritunl set-mongodb "mongodb://localhost:27017/pritunl"
systemctl enable pritunl
systemctl restart pritunl

# --- Daily backup of the Pritunl database -----------------------------------------------------
install -d -m 0700 /etc/pritunl-vpn
cat > /etc/pritunl-vpn/backup.env <<EOF
VPN_BACKUP_BUCKET=$VPN_BACKUP_BUCKET
VPN_BACKUP_PREFIX=$VPN_BACKUP_PREFIX
EOF
cat > /usr/local/sbin/pritunl-backup <<'EOF'
#!/bin/bash
# Dumps the Pritunl database and uploads it to the backup bucket; the bucket's default
# encryption (its customer-managed key) applies, and the instance may write nothing else.
set -euo pipefail
# shellcheck disable=SC1091
. /etc/pritunl-vpn/backup.env
stamp="$(date -u +%Y%m%dT%H%M%SZ)"
archive="$(mktemp /var/tmp/pritunl-backup-XXXXXX.archive.gz)"
trap 'rm -f "$archive"' EXIT
mongodump --quiet --uri="mongodb://localhost:27017/pritunl" --archive="$archive" --gzip
aws s3 cp --only-show-errors "$archive" "s3://$VPN_BACKUP_BUCKET/$VPN_BACKUP_PREFIX$stamp.archive.gz"
echo "$(date -u +%Y-%m-%dT%H:%M:%SZ) uploaded s3://$VPN_BACKUP_BUCKET/$VPN_BACKUP_PREFIX$stamp.archive.gz"
EOF
chmod 0700 /usr/local/sbin/pritunl-backup
cat > /etc/systemd/system/pritunl-backup.service <<EOF
[Unit]
Description=Dump the Pritunl database to S3
After=mongod.service
Requires=mongod.service

[Service]
Type=oneshot
ExecStart=/usr/local/sbin/pritunl-backup
StandardOutput=append:$BACKUP_LOG
StandardError=append:$BACKUP_LOG
EOF
cat > /etc/systemd/system/pritunl-backup.timer <<'EOF'
[Unit]
Description=Daily dump of the Pritunl database to S3

[Timer]
OnCalendar=daily
RandomizedDelaySec=1h
Persistent=true

[Install]
WantedBy=timers.target
EOF
systemctl daemon-reload
systemctl enable --now pritunl-backup.timer

echo "bootstrap finished $(date -u +%Y-%m-%dT%H:%M:%SZ): Pritunl $PRITUNL_VERSION, MongoDB $MONGODB_VERSION"
echo "administrator password: run 'sudo pritunl default-password' in a Session Manager shell"
