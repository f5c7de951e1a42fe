const { hash, verify, Algorithm } = require('@node-rs/argon2');
const configs=[[47104,1],[19456,2],[12288,3],[9216,4],[7168,5]];
(async()=>{
 for(let round=0;round<2;round++) for(const [m,t] of configs){
  const O={ algorithm: Algorithm.Argon2id, memoryCost: m, timeCost: t, parallelism: 1 };
  const h=await hash('secret',O); for(let i=0;i<3;i++) await verify(h,'secret');
  const t0=process.cpuUsage();const w0=performance.now();const N=100;
  for(let i=0;i<N;i++) await verify(h,'secret');
  const cu=process.cpuUsage(t0);
  console.log(`m=${m/1024}MiB t=${t}`.padEnd(16),'user µs',(cu.user/N).toFixed(0).padStart(6),'sys µs',(cu.system/N).toFixed(0).padStart(5),'total',((cu.user+cu.system)/N).toFixed(0).padStart(6),'wall ms',((performance.now()-w0)/N).toFixed(2));
 }
})();
